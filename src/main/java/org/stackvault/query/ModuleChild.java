package org.stackvault.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A module of {@code /modules/<id>}: visible when the project type includes it;
 * {@code repo_uri} absent (null here) when no repo names the module.
 */
public record ModuleChild(
        @JsonProperty("module_name") String moduleName,
        boolean visible,

        @JsonProperty("repo_uri") @JsonInclude(JsonInclude.Include.NON_NULL)
        String repoUri) {}
