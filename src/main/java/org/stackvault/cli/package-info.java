/** Command-line tools behind scripts/: load-dump, dump, generate-data. */
package org.stackvault.cli;
