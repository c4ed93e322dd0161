package org.stackvault.kpi;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a goal script's YAML as the original's {@code jsyaml.safeLoad} did: into plain maps
 * (in the written order), lists, strings and numbers. The {@link SafeConstructor} builds no
 * type the text names ({@code !!java...} tags are refused), and the loader's limits bound
 * what a hostile script can cost: its length, aliases, nesting; duplicate keys are refused.
 */
public final class GoalScript {
    /** The longest script read, in characters. */
    public static final int MAX_CHARS = 64 * 1024;

    private GoalScript() {}

    /** A script that is not valid YAML, or too long; the message says where and why, as text. */
    public static final class MalformedScriptException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedScriptException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The script's document: a map, a list, a scalar, or null when empty.
     *
     * @throws MalformedScriptException when the text is not YAML the loader accepts
     */
    public static Object read(String script) {
        if (script.length() > MAX_CHARS) {
            throw new MalformedScriptException("The script is longer than " + MAX_CHARS + " characters.", null);
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(MAX_CHARS * 2);
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        try {
            return new Yaml(new SafeConstructor(options)).load(script);
        } catch (MarkedYAMLException e) {
            throw new MalformedScriptException("Could not parse script: " + e.getMessage(), e);
        } catch (YAMLException e) {
            throw new MalformedScriptException("Could not parse script: " + e.getMessage(), e);
        }
    }
}
