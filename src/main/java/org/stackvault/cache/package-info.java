/** The response cache: JSON bodies keyed by vault generation, endpoint and known parameters, bounded in bytes. */
package org.stackvault.cache;
