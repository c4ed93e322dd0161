/**
 * Command-line tools behind scripts/: load-dump, dump, generate-data (src/tools/java, in
 * target/stackvault-tools.jar, never in the WAR).
 */
package org.stackvault.cli;
