package dev.connectconfig.testing;

import dev.connectconfig.engines.RepoFiles;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server standing in for the pre-signed S3 URL CloudFormation puts in a custom-resource event: it
 * records the body of every PUT, so a test checks exactly what CloudFormation would have received.
 */
public final class CustomResourceResponseServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One PUT as received. */
    public record Put(String method, String path, JsonNode body) {
    }

    private final HttpServer server;
    private final BlockingQueue<Put> puts = new LinkedBlockingQueue<>();
    private final AtomicInteger status = new AtomicInteger(200);

    private CustomResourceResponseServer(HttpServer server) {
        this.server = server;
    }

    public static CustomResourceResponseServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            CustomResourceResponseServer responses = new CustomResourceResponseServer(server);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                JsonNode json = body.length == 0 ? JSON.nullNode()
                        : JSON.readTree(new String(body, StandardCharsets.UTF_8));
                responses.puts.add(new Put(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), json));
                exchange.sendResponseHeaders(responses.status.get(), -1);
                exchange.close();
            });
            server.start();
            return responses;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A URL shaped like CloudFormation's pre-signed one, pointing here. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort()
                + "/cloudformation-custom-resource-response-useast1/stack-request"
                + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=7200&X-Amz-Signature=0123abcd";
    }

    /** An event file read the way the Lambda runtime reads it, with its ResponseURL pointing at this server. */
    public CloudFormationCustomResourceEvent event(String relativePath) {
        CloudFormationCustomResourceEvent event =
                EventLoader.loadCloudFormationCustomResourceEvent(RepoFiles.path(relativePath).toString());
        event.setResponseUrl(url());
        return event;
    }

    /**
     * {@code <folder>/update.json} carrying {@code <folder>/create.json}'s properties as both its new and its old
     * properties: a redeploy that changes nothing.
     */
    public CloudFormationCustomResourceEvent unchangedUpdate(String folder) {
        CloudFormationCustomResourceEvent update = event(folder + "/update.json");
        Map<String, Object> created = event(folder + "/create.json").getResourceProperties();
        update.setResourceProperties(created);
        update.setOldResourceProperties(created);
        return update;
    }

    /** {@code event} with one resource property set to {@code value}, or removed when {@code value} is null. */
    public static CloudFormationCustomResourceEvent withProperty(CloudFormationCustomResourceEvent event, String name,
            Object value) {
        Map<String, Object> properties = new HashMap<>(event.getResourceProperties());
        if (value == null) {
            properties.remove(name);
        } else {
            properties.put(name, value);
        }
        event.setResourceProperties(properties);
        return event;
    }

    /** Answer every later PUT with {@code httpStatus}, as S3 does when a URL has expired (403). */
    public void answerWith(int httpStatus) {
        status.set(httpStatus);
    }

    /** The next PUT, waiting up to 10 s; fails the test when none arrives. */
    public Put awaitPut() {
        try {
            Put put = puts.poll(10, TimeUnit.SECONDS);
            assertNotNull(put, "nothing was PUT to the response URL");
            return put;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body of the next PUT. */
    public JsonNode awaitBody() {
        return awaitPut().body();
    }

    /** PUTs received and not yet taken. */
    public int pending() {
        return puts.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
