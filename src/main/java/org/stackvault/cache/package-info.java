/**
 * The response cache: JSON bodies keyed by vault generation, endpoint and the parameters
 * it reads, bounded in bytes, with an admission doorkeeper against floods of one-off keys.
 */
package org.stackvault.cache;
