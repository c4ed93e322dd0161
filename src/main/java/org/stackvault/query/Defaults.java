package org.stackvault.query;

import java.util.Locale;
import org.stackvault.vault.Vault;

/**
 * Default filter values ({@code default_release}, {@code default_metric},
 * {@code default_project_type} of the original's configuration). Immutable.
 *
 * @param release null: the vault's current release (the first that has not ended)
 */
public record Defaults(String release, String metric, String projectType) {
    public static final Defaults ORIGINAL = new Defaults(null, "marks", "openstack");

    public Defaults {
        release = release == null || release.isBlank() ? null : release.toLowerCase(Locale.ROOT);
        metric = metric.toLowerCase(Locale.ROOT);
        projectType = projectType.toLowerCase(Locale.ROOT);
    }

    public String release(Vault vault) {
        return release != null ? release : vault.reference().currentRelease();
    }
}
