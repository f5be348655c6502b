package dev.connectconfig.local;

import dev.connectconfig.engines.CloudFormationTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves template.yaml's intrinsic functions the way CloudFormation would for a stack named {@code local}, with
 * local stand-ins for what only AWS creates: a table is named after its logical id (as DynamoDbLocal creates it), the
 * policy store id is {@link #POLICY_STORE_ID}, other resources get a readable local name or ARN.
 */
final class TemplateValues {

    static final String STACK_NAME = "local";
    static final String ACCOUNT_ID = "123456789012";
    static final String REGION = "us-east-1";
    static final String STACK_ID = "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT_ID + ":stack/" + STACK_NAME
            + "/00000000-0000-0000-0000-000000000000";
    static final String POLICY_STORE_ID = "local-policy-store";
    /** CloudFormation's AWS::NoValue: the property or list element is left out. */
    static final Object NO_VALUE = new Object();

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}]+)}");

    private final CloudFormationTemplate template;
    private final Map<String, String> parameters;

    /** {@code overrides} replace parameter defaults, like {@code sam local --parameter-overrides}. */
    TemplateValues(CloudFormationTemplate template, Map<String, String> overrides) {
        this.template = template;
        this.parameters = new LinkedHashMap<>();
        Object declared = template.root().get("Parameters");
        if (declared instanceof Map<?, ?> map) {
            map.forEach((name, definition) -> {
                Object fallback = CloudFormationTemplate.at(definition, "Default");
                if (fallback != null) {
                    parameters.put((String) name, String.valueOf(fallback));
                }
            });
        }
        overrides.forEach((name, value) -> {
            if (!(declared instanceof Map<?, ?> map) || !map.containsKey(name)) {
                throw new IllegalArgumentException("template.yaml has no parameter " + name);
            }
            parameters.put(name, value);
        });
    }

    String parameter(String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("parameter " + name + " has no default; pass --parameter " + name
                    + "=VALUE");
        }
        return value;
    }

    /** A template value with every intrinsic function resolved; maps and lists are resolved element by element. */
    Object resolve(Object node) {
        if (node instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> only = map.entrySet().iterator().next();
            String key = String.valueOf(only.getKey());
            if (key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition")) {
                return function(key, only.getValue());
            }
        }
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> resolved = new LinkedHashMap<>();
            map.forEach((key, value) -> {
                Object result = resolve(value);
                if (result != NO_VALUE) {
                    resolved.put(String.valueOf(key), result);
                }
            });
            return resolved;
        }
        if (node instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (Object element : list) {
                Object result = resolve(element);
                if (result != NO_VALUE) {
                    resolved.add(result);
                }
            }
            return resolved;
        }
        return node;
    }

    /** A template value that must come out as text, as an environment variable value does. */
    String text(Object node) {
        Object resolved = resolve(node);
        if (resolved instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        if (resolved instanceof Map<?, ?>) {
            throw new IllegalArgumentException("not a text value: " + node);
        }
        return resolved == NO_VALUE || resolved == null ? "" : String.valueOf(resolved);
    }

    boolean condition(String name) {
        Object definition = CloudFormationTemplate.at(template.root(), "Conditions", name);
        if (definition == null) {
            throw new IllegalArgumentException("template.yaml has no condition " + name);
        }
        return truth(resolve(definition));
    }

    private Object function(String key, Object argument) {
        return switch (key) {
            case "Ref" -> ref(String.valueOf(argument));
            case "Condition" -> condition(String.valueOf(argument));
            case "Fn::GetAtt" -> {
                List<?> parts = argument instanceof List<?> list ? list
                        : List.of(String.valueOf(argument).split("\\.", 2));
                yield attribute(String.valueOf(parts.get(0)), String.valueOf(resolve(parts.get(1))));
            }
            case "Fn::If" -> {
                List<?> parts = (List<?>) argument;
                yield resolve(condition(String.valueOf(parts.get(0))) ? parts.get(1) : parts.get(2));
            }
            case "Fn::Equals" -> {
                List<?> parts = (List<?>) argument;
                yield String.valueOf(resolve(parts.get(0))).equals(String.valueOf(resolve(parts.get(1))));
            }
            case "Fn::Not" -> !truth(resolve(((List<?>) argument).get(0)));
            case "Fn::And" -> ((List<?>) argument).stream().allMatch(part -> truth(resolve(part)));
            case "Fn::Or" -> ((List<?>) argument).stream().anyMatch(part -> truth(resolve(part)));
            case "Fn::Sub" -> sub(argument);
            case "Fn::Join" -> {
                List<?> parts = (List<?>) argument;
                yield String.join(String.valueOf(parts.get(0)),
                        ((List<?>) resolve(parts.get(1))).stream().map(String::valueOf).toList());
            }
            case "Fn::Split" -> {
                List<?> parts = (List<?>) argument;
                yield List.of(text(parts.get(1)).split(Pattern.quote(String.valueOf(parts.get(0))), -1));
            }
            case "Fn::Select" -> {
                List<?> parts = (List<?>) argument;
                yield ((List<?>) resolve(parts.get(1))).get(Integer.parseInt(text(parts.get(0))));
            }
            default -> throw new IllegalArgumentException("the local runner does not resolve " + key);
        };
    }

    private Object ref(String name) {
        return switch (name) {
            case "AWS::Region" -> REGION;
            case "AWS::AccountId" -> ACCOUNT_ID;
            case "AWS::StackName" -> STACK_NAME;
            case "AWS::StackId" -> STACK_ID;
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::NoValue" -> NO_VALUE;
            default -> {
                if (parameters.containsKey(name)) {
                    String value = parameters.get(name);
                    yield "CommaDelimitedList".equals(CloudFormationTemplate.at(template.root(), "Parameters", name,
                            "Type")) ? List.of(value.split(",", -1)) : value;
                }
                if (template.resources().containsKey(name)) {
                    yield physicalId(name);
                }
                yield parameter(name);
            }
        };
    }

    /**
     * What {@code !Ref} gives for a resource: a table named as DynamoDbLocal names it, the name the template gives a
     * Glue database or Athena workgroup (their Ref is that name), else a local name.
     */
    private String physicalId(String logicalId) {
        String type = String.valueOf(CloudFormationTemplate.at(template.resources(), logicalId, "Type"));
        return switch (type) {
            case "AWS::DynamoDB::Table", "AWS::Serverless::Function" -> logicalId;
            case "AWS::Glue::Database" -> String.valueOf(resolve(CloudFormationTemplate.at(template.resources(),
                    logicalId, "Properties", "DatabaseInput", "Name")));
            case "AWS::Athena::WorkGroup" -> String.valueOf(resolve(CloudFormationTemplate.at(template.resources(),
                    logicalId, "Properties", "Name")));
            case "AWS::S3::Bucket" -> (STACK_NAME + "-" + logicalId).toLowerCase(java.util.Locale.ROOT);
            default -> STACK_NAME + "-" + logicalId;
        };
    }

    private String attribute(String logicalId, String name) {
        if ("FlowConfigPolicyStore".equals(logicalId) && "PolicyStoreId".equals(name)) {
            return POLICY_STORE_ID;
        }
        if ("Arn".equals(name)) {
            return "arn:aws:local:" + REGION + ":" + ACCOUNT_ID + ":" + physicalId(logicalId);
        }
        return physicalId(logicalId) + "-" + name;
    }

    private String sub(Object argument) {
        String text;
        Map<String, Object> variables = new LinkedHashMap<>();
        if (argument instanceof List<?> parts) {
            text = String.valueOf(parts.get(0));
            if (parts.size() > 1 && parts.get(1) instanceof Map<?, ?> map) {
                map.forEach((name, value) -> variables.put(String.valueOf(name), resolve(value)));
            }
        } else {
            text = String.valueOf(argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(2);
            String value;
            if (!matcher.group(1).isEmpty()) {
                value = "${" + name + "}";
            } else if (variables.containsKey(name)) {
                value = String.valueOf(variables.get(name));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                value = attribute(name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1));
            } else {
                value = String.valueOf(ref(name));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static boolean truth(Object value) {
        return value instanceof Boolean bool ? bool : Boolean.parseBoolean(String.valueOf(value));
    }
}
