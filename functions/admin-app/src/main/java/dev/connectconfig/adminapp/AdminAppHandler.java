package dev.connectconfig.adminapp;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.Map;

/**
 * Serves the admin web app on the API's own origin: {@code GET /app} is the page, {@code GET /app/{proxy+}} its
 * modules, style sheet, sign-in settings and the API's OpenAPI description; {@code GET /app/} (which API Gateway
 * routes to {@code /app}, the slash kept in {@code path}) is redirected to {@code /app}. The files are read and
 * hashed once per container.
 */
public class AdminAppHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    static final String CONFIG = "config.json";

    private final AppFiles files;

    public AdminAppHandler() {
        this(AppFiles.load(AppSettings.fromEnvironment()));
    }

    AdminAppHandler(AppFiles files) {
        this.files = files;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        Map<String, String> parameters = event.getPathParameters();
        String file = parameters == null ? null : parameters.get("proxy");
        Map<String, String> stage = event.getStageVariables();
        boolean page = file == null || file.isEmpty();
        AppFiles.Answer answer = page && endsWithSlash(event)
                ? files.pageWithoutTrailingSlash()
                : page ? files.page()
                : file.equals(CONFIG) ? files.config(stage == null ? null : stage.get("adminAppClientId"))
                : files.file(file);
        return new APIGatewayProxyResponseEvent().withStatusCode(answer.status()).withHeaders(answer.headers())
                .withBody(answer.body());
    }

    /** The address asked for ends with a slash: the event's path, or the stage-prefixed one of its context. */
    private static boolean endsWithSlash(APIGatewayProxyRequestEvent event) {
        String path = event.getPath();
        String stagePath = event.getRequestContext() == null ? null : event.getRequestContext().getPath();
        return path != null && path.endsWith("/") || stagePath != null && stagePath.endsWith("/");
    }
}
