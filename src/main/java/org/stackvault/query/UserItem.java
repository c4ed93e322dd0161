package org.stackvault.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An item of {@code /users}. With {@code core_in}, {@code core} lists the modules the user
 * is core reviewer on and {@code company_name} is the current company (when the user has
 * any); both are absent (null here) otherwise.
 */
public record UserItem(
        String id,
        String text,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> core,

        @JsonProperty("company_name") @JsonInclude(JsonInclude.Include.NON_NULL)
        String companyName)
        implements Choice {}
