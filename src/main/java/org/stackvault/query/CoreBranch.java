package org.stackvault.query;

/**
 * The {@code core} field of a {@code /stats/engineers} row: the branch the engineer is core
 * reviewer on among the selected modules, or null. Unwrapped into the row; rows of companies
 * and modules have none (a null {@code CoreBranch}), so they have no {@code core} key.
 */
public record CoreBranch(String core) {}
