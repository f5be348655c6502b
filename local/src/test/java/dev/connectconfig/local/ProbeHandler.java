package dev.connectconfig.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A function for the runner's tests, run by the real runtime client: it reports its environment, takes its time or
 * misbehaves.
 */
public final class ProbeHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String action = String.valueOf(event.get("action"));
        System.out.println("probe received " + action);
        switch (action) {
            case "sleep" -> {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            case "slow" -> {
                // a slow but successful invocation: the work of a function that waits on something
                try {
                    Thread.sleep(((Number) event.get("millis")).longValue());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            case "fail" -> throw new IllegalStateException("refused on purpose");
            case "exit" -> Runtime.getRuntime().halt(3);
            default -> {
                // echo below
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("greeting", System.getenv("GREETING"));
        answer.put("functionName", context.getFunctionName());
        answer.put("requestId", context.getAwsRequestId());
        answer.put("remainingMillis", context.getRemainingTimeInMillis());
        answer.put("classPath", System.getProperty("java.class.path"));
        answer.put("pid", ProcessHandle.current().pid());
        answer.put("endpoint", System.getenv("AWS_ENDPOINT_URL_DYNAMODB"));
        answer.put("nativeLibrary", System.getProperty(FunctionProcess.RIC_NATIVE_LIBRARY_PROPERTY));
        return answer;
    }
}
