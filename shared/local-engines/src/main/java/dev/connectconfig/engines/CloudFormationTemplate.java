package dev.connectconfig.engines;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml read as CloudFormation reads it: short-form tags ({@code !Ref x}, {@code !GetAtt a.b},
 * {@code !Sub ...}) become their long form ({@code {"Ref": "x"}}, {@code {"Fn::GetAtt": ["a", "b"]}}).
 */
public final class CloudFormationTemplate {

    private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue",
            "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or", "GetAtt", "ToJsonString",
            "Length");

    private final Map<String, Object> root;

    private CloudFormationTemplate(Map<String, Object> root) {
        this.root = root;
    }

    public static CloudFormationTemplate load() {
        return load(RepoFiles.path("template.yaml"));
    }

    @SuppressWarnings("unchecked")
    public static CloudFormationTemplate load(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new CloudFormationTemplate(new Yaml(new IntrinsicConstructor()).load(reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, Object> root() {
        return root;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> resources() {
        return (Map<String, Object>) root.get("Resources");
    }

    /** The resource's Properties. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> properties(String logicalId) {
        Map<String, Object> resource = (Map<String, Object>) resources().get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("template.yaml has no resource " + logicalId);
        }
        return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
    }

    /** Logical ids of resources of {@code type}, in template order. */
    @SuppressWarnings("unchecked")
    public List<String> resourcesOfType(String type) {
        return resources().entrySet().stream()
                .filter(e -> type.equals(((Map<String, Object>) e.getValue()).get("Type")))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** {@code Globals.Function}, or empty. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> functionGlobals() {
        Map<String, Object> globals = (Map<String, Object>) root.getOrDefault("Globals", Map.of());
        return (Map<String, Object>) globals.getOrDefault("Function", Map.of());
    }

    /** A path into nested maps, or null when any step is missing. */
    @SuppressWarnings("unchecked")
    public static Object at(Object node, String... path) {
        Object current = node;
        for (String step : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = ((Map<String, Object>) map).get(step);
        }
        return current;
    }

    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor() {
            super(new LoaderOptions());
            this.yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            this.yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            for (String function : FUNCTIONS) {
                this.yamlConstructors.put(new Tag("!" + function), new Intrinsic("Fn::" + function));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = scalar.getValue();
                    value = "Fn::GetAtt".equals(key) ? List.of(text.substring(0, text.indexOf('.')),
                            text.substring(text.indexOf('.') + 1)) : text;
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                Map<String, Object> function = new LinkedHashMap<>();
                function.put(key, value);
                return function;
            }
        }
    }
}
