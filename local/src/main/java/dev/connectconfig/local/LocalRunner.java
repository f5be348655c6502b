package dev.connectconfig.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.engines.RepoFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * The whole system offline: {@code local/run.sh} starts the REST API with the template's routes, local sign-in,
 * DynamoDB Local and the other local engines; {@code local/run.sh invoke <Function> <event.json>} runs one handler
 * on one event, as {@code sam local invoke} does.
 */
public final class LocalRunner {

    static final String CLOUDFORMATION_HEADER = "X-Local-CloudFormation-Response";
    /** Set on an invocation of a custom resource that sent CloudFormation no response. */
    static final String UNANSWERED_HEADER = "X-Local-CloudFormation-Unanswered";
    static final String UNANSWERED = "CloudFormation response: none. The function answers no event that names another"
            + " stack than its own (the runner's stack is " + TemplateValues.STACK_ID + "); CloudFormation would wait"
            + " for an answer until its own timeout.";
    static final String READY = "Ready. Ctrl-C stops everything.";
    /** What {@code invoke} waits for a runner beyond the function's timeout and its JVM's start. */
    static final Duration INVOKE_MARGIN = Duration.ofSeconds(5);
    private static final String USAGE = """
            usage: local/run.sh [--port 3000] [--data-dir local/data] [--reset] [--dynamodb-port N]
                                [--parameter Name=Value ...] [--no-speech-engine] [--replica <primary-region>]
                   local/run.sh invoke <Function> <event.json> [--data-dir local/data] [--parameter Name=Value ...]
                                [--no-speech-engine]
            --no-speech-engine leaves Amazon Polly unreachable even where espeak-ng is installed, as in a place
            without one: speech previews then answer 503.
            --replica <primary-region> runs this region (%s) as a read-only replica of that primary (the template's
            PrimaryRegion): reads work, and every write answers 409 READ_ONLY_REGION.
            """.formatted(TemplateValues.REGION);
    /** The template parameter {@code --replica} sets. */
    static final String PRIMARY_REGION_PARAMETER = "PrimaryRegion";

    /** The command line, parsed. */
    record Options(String command, List<String> arguments, int port, Path dataFolder, boolean reset,
            int dynamoDbPort, boolean speechEngine, Map<String, String> parameters) {

        static Options parse(String[] args, Path repoRoot) {
            String command = "run";
            List<String> arguments = new ArrayList<>();
            int port = 3000;
            Path dataFolder = repoRoot.resolve("local/data");
            boolean reset = false;
            int dynamoDbPort = 0;
            boolean speechEngine = true;
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--port" -> port = number(arg, value(args, ++i, arg));
                    case "--data-dir" -> dataFolder = callerPath(value(args, ++i, arg));
                    case "--reset" -> reset = true;
                    case "--no-speech-engine" -> speechEngine = false;
                    case "--dynamodb-port" -> dynamoDbPort = number(arg, value(args, ++i, arg));
                    case "--replica" -> {
                        String primary = value(args, ++i, arg);
                        if (!primary.matches("[a-z]{2}(-[a-z]+)+-[0-9]") || primary.equals(TemplateValues.REGION)) {
                            throw new IllegalArgumentException("--replica takes the primary region, another than "
                                    + "this runner's own (" + TemplateValues.REGION + "), such as eu-west-1; not "
                                    + primary);
                        }
                        parameters.put(PRIMARY_REGION_PARAMETER, primary);
                    }
                    case "--parameter" -> {
                        String pair = value(args, ++i, arg);
                        int equals = pair.indexOf('=');
                        if (equals < 1) {
                            throw new IllegalArgumentException("--parameter takes Name=Value, not " + pair);
                        }
                        parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
                    }
                    case "invoke", "run" -> {
                        if (!arguments.isEmpty() || !command.equals("run")) {
                            throw new IllegalArgumentException("one command at a time");
                        }
                        command = arg;
                    }
                    default -> {
                        if (arg.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        arguments.add(arg);
                    }
                }
            }
            if (command.equals("invoke") && arguments.size() != 2) {
                throw new IllegalArgumentException("invoke takes a function and an event file");
            }
            if (command.equals("run") && !arguments.isEmpty()) {
                throw new IllegalArgumentException("unexpected " + arguments.get(0));
            }
            return new Options(command, arguments, port, dataFolder.toAbsolutePath().normalize(), reset,
                    dynamoDbPort, speechEngine, parameters);
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        private static int number(String option, String value) {
            try {
                int number = Integer.parseInt(value);
                if (number < 0 || number > 65535) {
                    throw new NumberFormatException();
                }
                return number;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes a port number, not " + value);
            }
        }
    }

    private final PrintStream out;
    private final PrintStream err;

    LocalRunner(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        boolean invoke = args.length > 0 && Stream.of(args).anyMatch("invoke"::equals);
        Optional<PrintStream> log = engineLog();
        if (log.isPresent()) {
            // The engines' own banners (DynamoDB Local's, with its own port) and stray stack traces go to the log
            // file; the console keeps the runner's stages, its summary and the functions' output.
            System.setOut(log.get());
            if (!invoke) {
                System.setErr(log.get());
            }
        } else if (invoke) {
            // invoke prints only the function's result on standard output (DynamoDB Local's banner goes to stderr)
            System.setOut(System.err);
        }
        int status;
        try {
            status = new LocalRunner(out, err).run(args);
        } catch (RuntimeException e) {
            err.println("The local runner stopped: " + e.getMessage()
                    + log.map(file -> " (details in " + System.getProperty(LOG_PROPERTY) + ")").orElse(""));
            e.printStackTrace(log.orElse(err));
            status = 1;
        }
        if (status >= 0) {
            System.exit(status);
        }
    }

    /** The file local/run.sh names for the engines' and the build's output: {@code local/target/run.log}. */
    static final String LOG_PROPERTY = "local.log";

    private static Optional<PrintStream> engineLog() {
        String file = System.getProperty(LOG_PROPERTY);
        if (file == null || file.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PrintStream(new java.io.FileOutputStream(file, true), true,
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The exit status, or -1 while the runner serves (it stops on Ctrl-C). */
    int run(String[] args) {
        Path repoRoot;
        Options options;
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.print(USAGE);
            return 0;
        }
        try {
            repoRoot = RepoFiles.root();
            options = Options.parse(args, repoRoot);
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            return options.command().equals("invoke") ? invoke(options, repoRoot) : serve(options, repoRoot);
        } catch (LocalHttp.PortTakenException | LocalSystem.DataFolderBusyException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private int serve(Options options, Path repoRoot) {
        LocalSystem.requireFree("REST API", options.port());
        out.println("Starting the local engines: DynamoDB Local, Verified Permissions (cedar-java), Polly ...");
        LocalSystem system = LocalSystem.start(repoRoot, options.dataFolder(), options.reset(), options.dynamoDbPort(),
                options.speechEngine(), options.parameters(), runtimeJars(), out::println,
                (function, line) -> out.println(function + " | " + line));
        ApiGateway api;
        try {
            api = new ApiGateway(system, LocalIdentity.inFolder(options.dataFolder()), options.port());
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
        out.println("Serving the API on " + api.url() + " (the functions start on first use)");
        system.announce(api.url());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping: the API, the function JVMs and the local engines.");
            api.close();
            system.close();
            out.println("Stopped.");
            out.flush();
            stopped.countDown();
        }, "local-runner-stop"));
        printWhereEverythingListens(system, api, !options.speechEngine());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    private void printWhereEverythingListens(LocalSystem system, ApiGateway api, boolean speechEngineOff) {
        SamTemplate template = system.template();
        out.println("Amazon Connect config toolkit, running locally (no AWS account needed)");
        out.println("  REST API              " + api.url() + "   (the routes of template.yaml)");
        for (SamTemplate.ApiRoute route : api.routes().routes()) {
            out.printf("      %-7s %-40s %s%n", route.method(), route.path(), route.functionId());
        }
        out.println("  Admin web app         " + api.url() + "/app   (sign in there: pick a user, level and scopes)");
        out.println("  Sign in               POST " + api.url() + ApiGateway.LOGIN_PATH
                + "  {\"username\": \"ana\", \"level\": \"Full\"}  -> Authorization: Bearer <token>");
        out.println("  Lambda Invoke API     POST " + api.url() + LambdaInvokeApi.PREFIX + "<Function>/invocations");
        out.println("  Functions             " + String.join(", ", template.functions().stream()
                .map(SamTemplate.LambdaFunction::logicalId).toList()) + "  (own JVM each, started on first use)");
        out.println("  DynamoDB Local        " + system.dynamoDbEndpoint() + "   data in "
                + system.dataFolder().resolve("dynamodb") + (system.seeded().isEmpty() ? ""
                : "  (seeded: " + String.join(", ", system.seeded()) + ")"));
        out.println("  Verified Permissions  " + system.permissionsEndpoint()
                + "   Cedar policies of shared/api-kit/src/main/cedar/");
        out.println("  Polly                 " + system.polly().map(p -> p.url() + "   spoken by " + p.engineName())
                .orElse(speechEngineOff ? "unreachable (--no-speech-engine): speech previews answer 503"
                        : "unreachable: speech previews answer 503; install espeak-ng (with lame and vorbis-tools)"
                        + " for local ones"));
        out.println("  No local engine       Athena, Glue, Lake Formation, S3: calls fail at once, naming the service");
        out.println("  Parameters            CacheTtlSeconds=" + template.values().parameter("CacheTtlSeconds")
                + ", EnableAnalytics=" + template.values().parameter("EnableAnalytics")
                + ", ApiStageName=" + template.values().parameter("ApiStageName") + "  (--parameter Name=Value)");
        String primary = template.values().parameter(PRIMARY_REGION_PARAMETER);
        if (primary != null && !primary.isEmpty() && !primary.equals(TemplateValues.REGION)) {
            out.println("  Read-only replica     this region (" + TemplateValues.REGION + ") refuses writes with 409"
                    + " READ_ONLY_REGION; the primary is " + primary + "  (--replica)");
        }
        Optional.ofNullable(System.getProperty(LOG_PROPERTY)).ifPresent(file -> out.println(
                "  Build and engine log  " + file + "   (the engines' own output)"));
        out.println(READY);
        out.flush();
    }

    private int invoke(Options options, Path repoRoot) {
        String typed = options.arguments().get(1);
        Path eventFile = callerPath(typed);
        if (!Files.isRegularFile(eventFile)) {
            err.println("No event file " + typed + ": " + eventFile + (Files.isDirectory(eventFile) ? " is a folder"
                    : " does not exist") + " (a relative path is read from the folder local/run.sh was run in, "
                    + callerPath("") + "). The sample events are under events/<function>/.");
            return 2;
        }
        byte[] event;
        try {
            event = Files.readAllBytes(eventFile);
        } catch (IOException e) {
            err.println("Cannot read the event file " + eventFile + ": " + e.getMessage());
            return 2;
        }
        try {
            LocalJson.read(event);
        } catch (RuntimeException e) {
            err.println("Cannot read the event " + eventFile + ": it must be a JSON file.");
            return 2;
        }
        String name = options.arguments().get(0);
        SamTemplate template = LocalSystem.template(repoRoot, options.parameters());
        Optional<SamTemplate.LambdaFunction> function = template.function(name);
        if (function.isEmpty()) {
            err.println("No function " + name + " in template.yaml; functions: " + template.functions().stream()
                    .map(SamTemplate.LambdaFunction::logicalId).toList());
            return 2;
        }
        LocalSystem system;
        try {
            system = LocalSystem.start(repoRoot, options.dataFolder(), false, 0, options.speechEngine(),
                    options.parameters(), runtimeJars(), err::println, (id, line) -> err.println(line));
        } catch (LocalSystem.DataFolderBusyException e) {
            if (e.apiUrl.isEmpty()) {
                throw e;
            }
            if (!options.parameters().isEmpty()) {
                err.println("Note: the running runner's parameters apply; --parameter is ignored.");
            }
            return invokeThroughRunner(e.apiUrl.get(), function.get(), event);
        }
        try (system) {
            LocalSystem.Result result = system.invoke(function.get(), event);
            result.cloudFormation().ifPresent(body -> err.println("CloudFormation response:\n"
                    + LocalJson.pretty(body)));
            if (result.unanswered()) {
                err.println(UNANSWERED);
            }
            out.println(printable(result.invocation().payload()));
            return result.failed() ? 1 : 0;
        }
    }

    /**
     * Another runner holds the data folder: run the event on its warm function through its Invoke API, waiting as
     * long as the runner itself may take (the function's timeout, its JVM's start) and a margin, never for ever.
     */
    private int invokeThroughRunner(String apiUrl, SamTemplate.LambdaFunction function, byte[] event) {
        Duration wait = Duration.ofSeconds(function.timeoutSeconds())
                .plusMillis(FunctionProcess.INIT_TIMEOUT_MILLIS).plus(INVOKE_MARGIN);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + LambdaInvokeApi.PREFIX
                        + URLEncoder.encode(function.logicalId(), StandardCharsets.UTF_8) + "/invocations"))
                .header("X-Amz-Log-Type", "Tail")
                .timeout(wait)
                .POST(HttpRequest.BodyPublishers.ofByteArray(event)).build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.net.http.HttpTimeoutException e) {
            err.println("The runner at " + apiUrl + " did not answer within " + wait.toSeconds() + " s: "
                    + function.logicalId() + "'s timeout (" + function.timeoutSeconds() + " s), "
                    + FunctionProcess.INIT_TIMEOUT_MILLIS / 1000 + " s for its JVM to start and "
                    + INVOKE_MARGIN.toSeconds() + " s more. Its console shows what it is doing.");
            return 1;
        } catch (IOException e) {
            err.println("The runner at " + apiUrl + " did not answer (" + e.getMessage() + ").");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        if (response.statusCode() != 200) {
            err.println(new String(response.body(), StandardCharsets.UTF_8));
            return 2;
        }
        response.headers().firstValue("X-Amz-Log-Result").ifPresent(log -> err.print(
                new String(Base64.getDecoder().decode(log), StandardCharsets.UTF_8)));
        Optional<String> cloudFormation = response.headers().firstValue(CLOUDFORMATION_HEADER);
        cloudFormation.ifPresent(body -> err.println("CloudFormation response:\n" + LocalJson.pretty(
                LocalJson.read(Base64.getDecoder().decode(body)))));
        boolean unanswered = response.headers().firstValue(UNANSWERED_HEADER).isPresent();
        if (unanswered) {
            err.println(UNANSWERED);
        }
        out.println(printable(response.body()));
        boolean customResourceFailed = cloudFormation.map(body -> "FAILED".equals(
                LocalJson.read(Base64.getDecoder().decode(body)).path("Status").asText())).orElse(false);
        return response.headers().firstValue("X-Amz-Function-Error").isPresent() || customResourceFailed
                || unanswered ? 1 : 0;
    }

    private static String printable(byte[] payload) {
        try {
            JsonNode json = LocalJson.read(payload);
            return LocalJson.pretty(json);
        } catch (RuntimeException e) {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** A path as the user typed it, relative to where they ran local/run.sh. */
    private static Path callerPath(String path) {
        return Path.of(System.getProperty("local.caller.dir", System.getProperty("user.dir"))).resolve(path);
    }

    /** The runtime interface client jars Maven copied next to the runner (target/lambda-runtime). */
    static List<Path> runtimeJars() {
        try {
            Path location = Path.of(LocalRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path folder = location.getParent().resolve("lambda-runtime");
            try (Stream<Path> jars = Files.list(folder)) {
                List<Path> found = jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().toList();
                if (found.stream().noneMatch(jar -> jar.getFileName().toString()
                        .startsWith("aws-lambda-java-runtime-interface-client"))) {
                    throw new IllegalStateException("no runtime interface client in " + folder);
                }
                return found;
            }
        } catch (IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException("The Lambda runtime interface client is missing (local/target/"
                    + "lambda-runtime); build with mvn -pl local -am package -DskipTests", e);
        }
    }
}
