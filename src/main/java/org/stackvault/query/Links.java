package org.stackvault.query;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.stackvault.vault.Vault;

/**
 * The original's {@code make_link}: a dashboard link carrying the request's filters
 * (release, project type, module, company, user, metric; defaults where absent) with
 * some of them overridden. Immutable once built.
 */
public final class Links {
    /** The filters a link carries, in the order it writes them. */
    static final Set<Param> CARRIED = Collections.unmodifiableSet(
            EnumSet.of(Param.RELEASE, Param.PROJECT_TYPE, Param.MODULE, Param.COMPANY, Param.USER_ID, Param.METRIC));

    private final Map<String, String> carried;

    private Links(Map<String, String> carried) {
        this.carried = carried;
    }

    public static Links of(RequestParams params, Vault vault, Defaults defaults) {
        Map<String, String> carried = new LinkedHashMap<>();
        for (Param param : CARRIED) {
            String value = params.first(param.id());
            if (value == null || value.isEmpty()) {
                value = switch (param) {
                    case RELEASE -> defaults.release(vault);
                    case PROJECT_TYPE -> defaults.projectType();
                    case METRIC -> defaults.metric();
                    default -> null;
                };
            }
            if (value != null && !value.isEmpty()) {
                carried.put(param.id(), value);
            }
        }
        return new Links(Collections.unmodifiableMap(carried));
    }

    /**
     * A link with the carried parameters; {@code overrides} are name, value pairs replacing
     * or adding parameters in that order.
     */
    public Link link(String title, String... overrides) {
        Map<String, String> values = new LinkedHashMap<>(carried);
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            values.put(overrides[i], overrides[i + 1] == null ? "None" : overrides[i + 1]);
        }
        StringBuilder uri = new StringBuilder();
        for (Map.Entry<String, String> e : values.entrySet()) {
            uri.append(uri.length() == 0 ? '?' : '&')
                    .append(e.getKey())
                    .append('=')
                    .append(quote(e.getValue()));
        }
        return new Link(uri.toString(), title);
    }

    /** The query string of a link that overrides nothing: the filters it carries, as written. */
    public String query() {
        return link("").uri();
    }

    /** Python's {@code urllib.parse.quote} of the UTF-8 bytes, '/' kept. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || c == '.'
                    || c == '-'
                    || c == '~'
                    || c == '/') {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }
}
