package org.stackvault.openapi;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON Schemas (draft 2020-12, the dialect of OpenAPI 3.1) of the values a Jackson mapper
 * writes, derived from their classes by that mapper's own introspection: the property
 * names it writes ({@code @JsonProperty}, {@code @JsonIgnore}), which it may leave out
 * ({@code @JsonInclude}: optional) or write as null (a reference type without such a rule:
 * nullable), {@code @JsonUnwrapped} properties merged into their owner,
 * {@code @JsonAnyGetter} maps as further properties, {@code @JsonFormat(shape = ARRAY)}
 * records as tuples, and sealed interfaces as any of their permitted records. A record, a
 * bean or a sealed interface is a named schema, referred to by {@code $ref}. One per
 * document; not thread-safe.
 */
final class JsonSchemas {
    static final String REF_PREFIX = "#/components/schemas/";
    /** Map keys Jackson writes from integers. */
    private static final String INTEGER_KEY = "^-?[0-9]+$";

    /** Inclusions that write every value, null too. */
    private static final Set<JsonInclude.Include> WRITES_NULL =
            Set.of(JsonInclude.Include.ALWAYS, JsonInclude.Include.USE_DEFAULTS);
    /** Inclusions that leave out only nulls (and empty texts, maps, collections): never a primitive. */
    private static final Set<JsonInclude.Include> NEVER_OMITS_PRIMITIVES =
            Set.of(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_EMPTY);

    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final ObjectMapper mapper;
    private final SerializationConfig config;
    /** Name to schema, in the order they were first referred to; a class's schema is put before it is derived. */
    private final Map<String, ObjectNode> named = new LinkedHashMap<>();

    private final Map<String, Class<?>> namedClasses = new LinkedHashMap<>();

    JsonSchemas(ObjectMapper mapper) {
        this.mapper = mapper;
        this.config = mapper.getSerializationConfig();
    }

    /** The schema of values of {@code type}: a {@code $ref} for a record, bean or sealed interface. */
    ObjectNode of(Type type) {
        return schema(mapper.constructType(type));
    }

    /** Every named schema referred to so far, by name. */
    Map<String, ObjectNode> named() {
        return named;
    }

    /** The name of a class's schema: its name in its package, {@code Answers.Stats} for a nested class. */
    static String nameOf(Class<?> type) {
        String name = type.getName();
        return name.substring(type.getPackageName().length() + 1).replace('$', '.');
    }

    private ObjectNode schema(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == String.class || raw == Character.class || raw == char.class) {
            return typed("string");
        }
        if (raw == int.class || raw == Integer.class || raw == short.class || raw == Short.class) {
            return typed("integer").put("format", "int32");
        }
        if (raw == long.class || raw == Long.class) {
            return typed("integer").put("format", "int64");
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            return typed("number");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return typed("boolean");
        }
        if (type.isArrayType() || type.isCollectionLikeType()) {
            ObjectNode array = typed("array");
            array.set("items", schema(type.getContentType()));
            return array;
        }
        if (type.isMapLikeType()) {
            ObjectNode map = typed("object");
            addMapEntries(map, type.getKeyType(), type.getContentType());
            return map;
        }
        if (raw == Object.class) {
            return json.objectNode(); // any JSON value
        }
        if (raw.isEnum()) {
            ObjectNode schema = typed("string");
            ArrayNode values = schema.putArray("enum");
            for (Object constant : raw.getEnumConstants()) {
                values.add(mapper.convertValue(constant, String.class));
            }
            return schema;
        }
        return ref(type);
    }

    private ObjectNode typed(String name) {
        return json.objectNode().put("type", name);
    }

    /** Entries of a map (or an any-getter's) under keys of {@code keyType}: integer keys by pattern, else any key. */
    private void addMapEntries(ObjectNode object, JavaType keyType, JavaType valueType) {
        Class<?> key = keyType == null ? String.class : keyType.getRawClass();
        ObjectNode value = schema(valueType);
        if (key == Integer.class || key == Long.class || key == Short.class) {
            object.putObject("patternProperties").set(INTEGER_KEY, value);
        } else {
            object.set("additionalProperties", value.isEmpty() ? json.booleanNode(true) : value);
        }
    }

    private ObjectNode ref(JavaType type) {
        Class<?> raw = type.getRawClass();
        String name = nameOf(raw);
        Class<?> already = namedClasses.putIfAbsent(name, raw);
        if (already != null && already != raw) {
            throw new IllegalStateException("two schemas named " + name + ": " + already + " and " + raw);
        }
        if (already == null) {
            ObjectNode schema = json.objectNode();
            named.put(name, schema); // before deriving it, so a type that refers to itself ends
            schema.setAll(raw.isSealed() ? anyOfPermitted(raw) : bean(type));
        }
        return json.objectNode().put("$ref", REF_PREFIX + name);
    }

    private ObjectNode anyOfPermitted(Class<?> sealed) {
        ObjectNode schema = json.objectNode();
        ArrayNode anyOf = schema.putArray("anyOf");
        for (Class<?> permitted : sealed.getPermittedSubclasses()) {
            anyOf.add(schema(mapper.constructType(permitted)));
        }
        return schema;
    }

    private ObjectNode bean(JavaType type) {
        BeanDescription description = config.introspect(type);
        JsonFormat.Value format = description.findExpectedFormat(null);
        if (format != null && format.getShape() == JsonFormat.Shape.ARRAY) {
            return tuple(description);
        }
        ObjectNode schema = typed("object");
        ObjectNode properties = schema.putObject("properties");
        List<String> required = new ArrayList<>();
        ObjectNode dependentRequired = json.objectNode();
        addProperties(description, schema, properties, required, dependentRequired);
        if (!required.isEmpty()) {
            ArrayNode names = schema.putArray("required");
            required.forEach(names::add);
        }
        if (!dependentRequired.isEmpty()) {
            schema.set("dependentRequired", dependentRequired);
        }
        if (!schema.has("additionalProperties")) {
            schema.put("additionalProperties", false);
        }
        return schema;
    }

    /**
     * Adds the properties of {@code description}'s class to {@code schema}: each property
     * Jackson writes; those of an unwrapped value, optional here but all present together
     * ({@code dependentRequired}), since a null unwrapped value writes none of them; and its
     * any-getter's entries.
     */
    private void addProperties(
            BeanDescription description,
            ObjectNode schema,
            ObjectNode properties,
            List<String> required,
            ObjectNode dependentRequired) {
        AnnotatedMember anyGetter = description.findAnyGetter();
        JsonInclude.Value classInclusion =
                description.findPropertyInclusion(config.getDefaultPropertyInclusion(description.getBeanClass()));
        for (BeanPropertyDefinition property : description.findProperties()) {
            AnnotatedMember accessor = property.getAccessor();
            if (accessor == null || (anyGetter != null && accessor.getName().equals(anyGetter.getName()))) {
                continue;
            }
            if (config.getAnnotationIntrospector().findUnwrappingNameTransformer(accessor) != null) {
                List<String> together = new ArrayList<>();
                addProperties(
                        config.introspect(property.getPrimaryType()), schema, properties, together, dependentRequired);
                for (int i = 1; i < together.size(); i++) {
                    dependentRequired.putArray(together.get(i)).add(together.get(0));
                }
                if (together.size() > 1) {
                    ArrayNode rest = dependentRequired.putArray(together.get(0));
                    together.subList(1, together.size()).forEach(rest::add);
                }
                continue;
            }
            JsonInclude.Include inclusion =
                    classInclusion.withOverrides(property.findInclusion()).getValueInclusion();
            JavaType type = property.getPrimaryType();
            boolean writesNull = WRITES_NULL.contains(inclusion);
            ObjectNode value = schema(type);
            properties.set(property.getName(), writesNull && !type.isPrimitive() ? nullable(value) : value);
            if (writesNull || (type.isPrimitive() && NEVER_OMITS_PRIMITIVES.contains(inclusion))) {
                required.add(property.getName());
            }
        }
        if (anyGetter != null) {
            JavaType map = anyGetter.getType();
            addMapEntries(schema, map.getKeyType(), map.getContentType());
        }
    }

    /** A record Jackson writes as an array of its properties' values, in their order. */
    private ObjectNode tuple(BeanDescription description) {
        ObjectNode schema = typed("array");
        ArrayNode items = schema.putArray("prefixItems");
        for (BeanPropertyDefinition property : description.findProperties()) {
            JavaType type = property.getPrimaryType();
            items.add(type.isPrimitive() ? schema(type) : nullable(schema(type)));
        }
        schema.put("minItems", items.size()).put("maxItems", items.size());
        return schema.put("items", false);
    }

    /** {@code schema} or null. */
    private ObjectNode nullable(ObjectNode schema) {
        if (schema.isEmpty()) {
            return schema; // any value, null included
        }
        if (schema.path("type").isTextual()) {
            ObjectNode copy = schema.deepCopy();
            copy.putArray("type").add(schema.get("type").asText()).add("null");
            return copy;
        }
        ObjectNode either = json.objectNode();
        either.putArray("anyOf").add(schema).add(typed("null"));
        return either;
    }
}
