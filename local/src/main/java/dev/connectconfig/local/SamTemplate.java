package dev.connectconfig.local;

import dev.connectconfig.engines.CloudFormationTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the runner takes from template.yaml: every function (jar, handler, timeout, memory, environment resolved to
 * local values) and every API route ({@code Events} of {@code Type: Api}), so a function or route added to the
 * template runs locally without a change here.
 */
final class SamTemplate {

    static final String FUNCTION_TYPE = "AWS::Serverless::Function";

    /** One function as Lambda would run it. */
    record LambdaFunction(String logicalId, String codeUri, String handler, int timeoutSeconds, int memoryMb,
            Map<String, String> environment) {

        /** The module folder, {@code functions/get-config} for {@code functions/get-config/target/get-config.jar}. */
        String module() {
            int target = codeUri.indexOf("/target/");
            return target < 0 ? codeUri : codeUri.substring(0, target);
        }
    }

    /** One route of the REST API: {@code GET /flow-configs/{id}} served by a function. */
    record ApiRoute(String method, String path, String functionId, String eventName, String restApiId) {
    }

    /** The API's CORS settings as API Gateway answers a preflight, quotes removed. */
    record Cors(String allowOrigin, String allowMethods, String allowHeaders, String maxAge) {
    }

    private final CloudFormationTemplate template;
    private final TemplateValues values;

    SamTemplate(CloudFormationTemplate template, TemplateValues values) {
        this.template = template;
        this.values = values;
    }

    TemplateValues values() {
        return values;
    }

    List<LambdaFunction> functions() {
        return template.resourcesOfType(FUNCTION_TYPE).stream().map(this::described).toList();
    }

    /** A function by logical id ({@code GetConfigFunction}) or short name ({@code GetConfig}, {@code get-config}). */
    Optional<LambdaFunction> function(String name) {
        String wanted = name.replace("-", "").toLowerCase(Locale.ROOT);
        return functions().stream().filter(f -> {
            String id = f.logicalId().toLowerCase(Locale.ROOT);
            String module = f.module().substring(f.module().lastIndexOf('/') + 1).replace("-", "");
            return id.equals(wanted) || id.equals(wanted + "function") || module.equals(wanted);
        }).findFirst();
    }

    /** The alias SAM publishes for the function ({@code AutoPublishAlias}), if any. */
    Optional<String> alias(String logicalId) {
        Object alias = template.properties(logicalId).get("AutoPublishAlias");
        return alias == null ? Optional.empty() : Optional.of(values.text(alias));
    }

    private LambdaFunction described(String logicalId) {
        Map<String, Object> properties = template.properties(logicalId);
        Map<String, Object> globals = template.functionGlobals();
        Map<String, String> environment = new LinkedHashMap<>();
        variables(globals).forEach((name, value) -> environment.put(name, values.text(value)));
        variables(properties).forEach((name, value) -> environment.put(name, values.text(value)));
        return new LambdaFunction(logicalId, values.text(properties.get("CodeUri")),
                values.text(properties.get("Handler")),
                Integer.parseInt(values.text(properties.getOrDefault("Timeout", globals.getOrDefault("Timeout", 3)))),
                Integer.parseInt(values.text(properties.getOrDefault("MemorySize",
                        globals.getOrDefault("MemorySize", 128)))),
                environment);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> variables(Map<String, Object> properties) {
        Object variables = CloudFormationTemplate.at(properties, "Environment", "Variables");
        return variables instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** Every {@code Type: Api} event of every function, in template order. */
    List<ApiRoute> routes() {
        List<ApiRoute> routes = new ArrayList<>();
        for (String functionId : template.resourcesOfType(FUNCTION_TYPE)) {
            Object events = template.properties(functionId).get("Events");
            if (!(events instanceof Map<?, ?> map)) {
                continue;
            }
            map.forEach((name, event) -> {
                if (!"Api".equals(CloudFormationTemplate.at(event, "Type"))) {
                    return;
                }
                Object api = CloudFormationTemplate.at(event, "Properties", "RestApiId", "Ref");
                routes.add(new ApiRoute(
                        values.text(CloudFormationTemplate.at(event, "Properties", "Method")).toUpperCase(Locale.ROOT),
                        values.text(CloudFormationTemplate.at(event, "Properties", "Path")), functionId,
                        String.valueOf(name), api == null ? "ServerlessRestApi" : String.valueOf(api)));
            });
        }
        return routes;
    }

    /** Whether the route opts out of the API's authorizer ({@code Auth: {Authorizer: NONE}}), as API Gateway honours. */
    boolean withoutAuthorizer(ApiRoute route) {
        Object events = template.properties(route.functionId()).get("Events");
        return "NONE".equals(CloudFormationTemplate.at(events, route.eventName(), "Properties", "Auth", "Authorizer"));
    }

    /** The CORS settings of the API the routes belong to, or empty when it configures none. */
    Optional<Cors> cors(String restApiId) {
        Object cors = apiProperty(restApiId, "Cors");
        if (cors == null) {
            return Optional.empty();
        }
        if (!(cors instanceof Map<?, ?>)) {
            return Optional.of(new Cors(unquoted(values.text(cors)), "'*'", "'*'", null));
        }
        return Optional.of(new Cors(unquoted(values.text(CloudFormationTemplate.at(cors, "AllowOrigin"))),
                unquoted(optionalText(CloudFormationTemplate.at(cors, "AllowMethods"))),
                unquoted(optionalText(CloudFormationTemplate.at(cors, "AllowHeaders"))),
                unquoted(optionalText(CloudFormationTemplate.at(cors, "MaxAge")))));
    }

    /** The stage variables of the API ({@code Variables}), resolved; null when it sets none, as API Gateway sends. */
    Map<String, String> stageVariables(String restApiId) {
        Object variables = apiProperty(restApiId, "Variables");
        if (!(variables instanceof Map<?, ?> map) || map.isEmpty()) {
            return null;
        }
        Map<String, String> resolved = new LinkedHashMap<>();
        map.forEach((name, value) -> resolved.put(String.valueOf(name), values.text(value)));
        return resolved;
    }

    /** The origin API Gateway's own 4XX and 5XX answers carry ({@code GatewayResponses}), or null. */
    String gatewayResponseOrigin(String restApiId) {
        Object origin = CloudFormationTemplate.at(apiProperty(restApiId, "GatewayResponses"), "DEFAULT_4XX",
                "ResponseParameters", "Headers", "Access-Control-Allow-Origin");
        return origin == null ? null : unquoted(values.text(origin));
    }

    /** Media types the API passes to the function base64-encoded ({@code ~1} is a slash in SAM's notation). */
    List<String> binaryMediaTypes(String restApiId) {
        Object types = apiProperty(restApiId, "BinaryMediaTypes");
        if (!(types instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(type -> values.text(type).replace("~1", "/")).toList();
    }

    /**
     * The smallest response body, in bytes, the API gzips for a client that accepts it ({@code MinimumCompressionSize});
     * -1 when the API compresses nothing.
     */
    int minimumCompressionSize(String restApiId) {
        Object size = apiProperty(restApiId, "MinimumCompressionSize");
        return size == null ? -1 : Integer.parseInt(values.text(size));
    }

    private Object apiProperty(String restApiId, String name) {
        if (!template.resources().containsKey(restApiId)) {
            return null;
        }
        return values.resolve(template.properties(restApiId).get(name));
    }

    private String optionalText(Object value) {
        return value == null ? null : values.text(value);
    }

    private static String unquoted(String value) {
        if (value != null && value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
