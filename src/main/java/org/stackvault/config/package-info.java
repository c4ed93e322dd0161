/** The configuration: every key, its default, and the layers it is read from. */
package org.stackvault.config;
