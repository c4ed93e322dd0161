/**
 * Stackvault: the Stackalytics JSON API v1.0 served from one immutable in-memory vault.
 * {@link org.stackvault.Stackvault} wires every part together; see docs/architecture.md.
 */
package org.stackvault;
