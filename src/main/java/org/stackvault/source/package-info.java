/**
 * Where records come from: memcached as the Stackalytics processor fills it
 * (python-memcached's value flags and key-to-server hash, Python pickles), or a
 * stackalytics-dump file. Nothing here knows about the vault or HTTP.
 */
package org.stackvault.source;
