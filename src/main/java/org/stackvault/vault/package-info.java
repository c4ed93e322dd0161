/**
 * The immutable snapshot ({@link org.stackvault.vault.Vault}): compact columnar records,
 * dictionaries, indexes, users and reference data; its builder (full and incremental
 * through the update log) and its holder, which publishes a new vault with one volatile
 * write. Imports nothing from Jersey or the Servlet API.
 */
package org.stackvault.vault;
