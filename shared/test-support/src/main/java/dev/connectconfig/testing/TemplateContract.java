package dev.connectconfig.testing;

import dev.connectconfig.engines.RepoFiles;
import dev.connectconfig.engines.CloudFormationTemplate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What template.yaml promises about one function module, checked against the module's built jar and source: the
 * function's CodeUri is the jar Maven built, its Handler names a public method of a class in that jar, and every
 * environment variable the code reads is set for the function (in its own Environment or in Globals).
 *
 * <p>A variable named {@code LOCAL_RUNNER_*} is the offline runner's: the template must never set it.
 *
 * <p>Code reads configuration as {@code System.getenv("NAME")}, {@code Env.required("NAME")} (any {@code Env}
 * method) or through a constant named {@code *_VARIABLE}; those are the forms this finds. Of a renamed variable
 * ({@code Env.renamed("NEW", "OLD", ...)}) only the new name is required: the old one is a fallback the template no
 * longer sets.
 */
public final class TemplateContract {

    private static final Pattern ENV_READ = Pattern.compile(
            "(?:getenv|Env\\.\\w+)\\(\\s*\"([A-Z][A-Z0-9_]+)\"");
    private static final Pattern ENV_CONSTANT = Pattern.compile(
            "static\\s+final\\s+String\\s+\\w+_VARIABLE\\s*=\\s*\"([A-Z][A-Z0-9_]+)\"");
    /**
     * Set only by the offline runner (local/), where it stands in for an AWS service: template.yaml must not set it,
     * so a deployed function never has it.
     */
    static final Pattern RUNNER_ONLY = Pattern.compile("LOCAL_RUNNER_[A-Z0-9_]+");
    /** Set by Lambda itself for every function. */
    private static final Pattern RESERVED = Pattern.compile(
            "AWS_REGION|AWS_DEFAULT_REGION|AWS_LAMBDA_.*|AWS_EXECUTION_ENV|_HANDLER|LAMBDA_TASK_ROOT|AWS_ACCESS_KEY_ID"
                    + "|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|AWS_CONTAINER_.*|_X_AMZN_TRACE_ID|TZ");

    private TemplateContract() {
    }

    /**
     * Checks every function of template.yaml whose CodeUri is under {@code moduleDir} (such as
     * {@code functions/get-config}) and returns their logical ids.
     */
    public static Set<String> verifyModule(String moduleDir) {
        CloudFormationTemplate template = CloudFormationTemplate.load();
        Path root = RepoFiles.root();
        Set<String> envReads = envReads(root.resolve(moduleDir).resolve("src/main/java"));
        try (var libs = Files.list(root.resolve("shared"))) {
            // Every deployable module a function may use; the engines, fixtures and checks are never deployed.
            for (Path lib : libs.filter(lib -> !Set.of("local-engines", "test-support", "repo-checks").contains(lib.getFileName().toString())).sorted().toList()) {
                envReads.addAll(envReads(lib.resolve("src/main/java")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> globalVariables = variables(template.functionGlobals());

        Set<String> checked = new TreeSet<>();
        for (String logicalId : template.resourcesOfType("AWS::Serverless::Function")) {
            Map<String, Object> properties = template.properties(logicalId);
            String codeUri = String.valueOf(properties.get("CodeUri"));
            if (!codeUri.startsWith(moduleDir + "/")) {
                continue;
            }
            assertTrue(codeUri.startsWith(moduleDir + "/target/") && codeUri.endsWith(".jar"),
                    logicalId + ": CodeUri must be the jar the build produces, not " + codeUri);
            Path jar = root.resolve(codeUri);
            assertTrue(Files.isRegularFile(jar), logicalId + ": " + codeUri + " was not built by mvn package");
            verifyHandler(logicalId, jar, String.valueOf(properties.get("Handler")));

            Map<String, Object> variables = new LinkedHashMap<>(globalVariables);
            variables.putAll(variables(properties));
            for (String name : envReads) {
                if (RUNNER_ONLY.matcher(name).matches()) {
                    assertFalse(variables.containsKey(name), logicalId + ": " + name + " is the offline runner's"
                            + " alone; template.yaml must never set it");
                    continue;
                }
                assertTrue(variables.containsKey(name), logicalId + " reads environment variable " + name
                        + " but template.yaml does not set it");
            }
            checked.add(logicalId);
        }
        assertFalse(checked.isEmpty(), "template.yaml has no function whose CodeUri is under " + moduleDir);
        return checked;
    }

    private static void verifyHandler(String logicalId, Path jar, String handler) {
        String[] parts = handler.split("::");
        assertEquals(2, parts.length, logicalId + ": Handler must be package.Class::method, not " + handler);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> type = Class.forName(parts[0], false, loader);
            assertTrue(Modifier.isPublic(type.getModifiers()), logicalId + ": " + parts[0] + " must be public");
            assertTrue(Arrays.stream(type.getConstructors()).anyMatch(c -> c.getParameterCount() == 0),
                    logicalId + ": " + parts[0] + " needs a public no-argument constructor");
            boolean hasMethod = Arrays.stream(type.getMethods())
                    .map(Method::getName)
                    .anyMatch(parts[1]::equals);
            assertTrue(hasMethod, logicalId + ": " + parts[0] + " has no public method " + parts[1]);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(logicalId + ": " + parts[0] + " is not in " + jar.getFileName(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> variables(Map<String, Object> properties) {
        Object variables = CloudFormationTemplate.at(properties, "Environment", "Variables");
        return variables instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** Environment variable names read by the Java sources under {@code sources}, less those Lambda sets. */
    public static Set<String> envReads(Path sources) {
        Set<String> names = new TreeSet<>();
        if (!Files.isDirectory(sources)) {
            return names;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                for (Pattern pattern : new Pattern[] {ENV_READ, ENV_CONSTANT}) {
                    Matcher matcher = pattern.matcher(source);
                    while (matcher.find()) {
                        if (!RESERVED.matcher(matcher.group(1)).matches()) {
                            names.add(matcher.group(1));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
