package org.stackvault.query;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/api.md lists the endpoint table as {@link Endpoint#ALL} declares it: the paths, the
 * parameters each reads and its answer type come from one declaration, the documentation
 * included. On a mismatch the message holds the table to paste.
 */
class EndpointTableDocTest {
    private static final String BEGIN =
            "<!-- endpoint table: made from query.Endpoint, checked by EndpointTableDocTest -->";
    private static final String END = "<!-- end of endpoint table -->";

    /** The Markdown table of every endpoint. */
    static String table() {
        StringBuilder out = new StringBuilder(BEGIN)
                .append('\n')
                .append("| endpoint | answers | parameters it reads | filters validated | answer |\n")
                .append("| --- | --- | --- | --- | --- |\n");
        for (Endpoint<?> e : Endpoint.ALL) {
            Reads reads = e.reads();
            StringBuilder params = new StringBuilder();
            for (String name : reads.parameterNames()) {
                params.append(params.length() == 0 ? "" : ", ")
                        .append('`')
                        .append(name)
                        .append('`');
            }
            String metric = reads.metricWhenAbsent() == null
                    ? ""
                    : reads.metricWhenAbsent().isEmpty()
                            ? "; no `metric`: every metric"
                            : "; no `metric`: `" + reads.metricWhenAbsent() + "`";
            out.append("| `/api/1.0/")
                    .append(e.path())
                    .append("` | ")
                    .append(e.summary())
                    .append(" | ")
                    .append(params.length() == 0 ? "—" : params)
                    .append(metric)
                    .append(" | ")
                    .append(reads.parsesFilters() ? "yes" : "no")
                    .append(" | `")
                    .append(e.answerType().getSimpleName())
                    .append("` |\n");
        }
        return out.append(END).toString();
    }

    @Test
    void apiDoc_listsTheEndpointTableAsDeclared() throws Exception {
        String doc = Files.readString(Path.of("docs/api.md"), StandardCharsets.UTF_8);
        String table = table();
        assertTrue(doc.contains(table), "docs/api.md must hold the endpoint table as declared; paste:\n" + table);
    }
}
