package dev.connectconfig.flowconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.api.ApiAnswer;
import dev.connectconfig.api.auth.Caller;
import dev.connectconfig.api.auth.FlowConfigAction;
import dev.connectconfig.api.auth.FlowConfigAuthorizer;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.json.JsonFields;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.render.Channel;
import dev.connectconfig.core.render.FlowConfigRenderer;
import dev.connectconfig.core.render.RenderedConfig;
import dev.connectconfig.core.render.ResultKeys;
import dev.connectconfig.core.store.FlowConfigStore;
import dev.connectconfig.core.validation.FlowConfigValidator;
import dev.connectconfig.core.validation.LanguageTags;
import dev.connectconfig.core.validation.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What GetConfig would return to one caller, rendered by the same shared renderer, for the stored config or for an
 * unsaved one sent in the body. An unsaved config is rendered even when it would not pass validation yet; its
 * problems come back next to the result, so an author sees both while editing. {@code at} (an ISO-8601 instant,
 * default now) is the moment judged: the schedules active then are applied and named in {@code activeSchedules}.
 */
final class ConfigPreview {

    private static final Set<String> FIELDS = Set.of("lang", "channel", "config", "at");

    private final FlowConfigStore store;
    private final FlowConfigAuthorizer authorizer;
    private final ConfigWriter writer;

    /** The writer parses an unsaved config exactly as a save would, and tells the time. */
    ConfigPreview(FlowConfigStore store, FlowConfigAuthorizer authorizer, ConfigWriter writer) {
        this.store = store;
        this.authorizer = authorizer;
        this.writer = writer;
    }

    ApiAnswer.Json preview(Caller caller, String id, JsonNode body) {
        ConfigIds.check(id);
        authorizer.require(caller, FlowConfigAction.READ, id);
        if (!body.isObject()) {
            throw FieldErrors.invalid(List.of(new Violation("", "must be a JSON object with lang, channel, config")));
        }
        List<Violation> violations = new ArrayList<>();
        JsonFields.unknown(body, FIELDS, "", violations);
        String language = text(body, "lang", violations);
        if (language != null && !LanguageTags.isValid(language)) {
            violations.add(new Violation("lang", "must be a BCP 47 language tag such as en-US"));
        }
        Channel channel = channel(text(body, "channel", violations), violations);
        Instant at = ApiInstants.parse(text(body, "at", violations), "at", violations);
        if (!violations.isEmpty()) {
            throw FieldErrors.invalid(violations);
        }

        JsonNode unsaved = body.get("config");
        boolean saved = unsaved == null || unsaved.isNull();
        FlowConfig config = writer.resolved(saved ? store.find(id).orElseThrow(() -> ConfigIds.notFound(id))
                : writer.parse(unsaved, id, "config."));
        List<Violation> problems = saved ? List.of() : ConfigWriter.prefixed(
                FlowConfigValidator.validate(config), "config.");

        Instant when = at != null ? at : writer.instant();
        RenderedConfig rendered = FlowConfigRenderer.render(config, language, channel, when);
        Map<String, String> result = rendered.values();
        if (!rendered.fitsConnectLimit()) {
            // GetConfig answers exactly this when the result would not fit Amazon Connect's 32 KB.
            result = new LinkedHashMap<>();
            result.put(ResultKeys.ERROR, ResultKeys.RESULT_TOO_LARGE);
            result.put(ResultKeys.ERROR_MESSAGE, rendered.tooLargeMessage());
        }
        ObjectNode response = FlowConfigJson.MAPPER.createObjectNode();
        response.put("id", id).put("version", config.version()).put("saved", saved)
                .put("language", rendered.language()).put("channel", channel.name().toLowerCase(Locale.ROOT))
                .put("at", when.toString());
        ObjectNode values = response.putObject("result");
        result.forEach(values::put);
        response.put("sizeBytes", rendered.sizeBytes());
        rendered.missingPrompts().forEach(response.putArray("missingPrompts")::add);
        var problemList = response.putArray("problems");
        problems.forEach(p -> problemList.addObject().put("field", p.field()).put("message", p.message()));
        return ApiAnswer.ok(response);
    }

    private static Channel channel(String text, List<Violation> violations) {
        if (text == null) {
            return Channel.VOICE;
        }
        for (Channel channel : Channel.values()) {
            if (channel.name().equalsIgnoreCase(text)) {
                return channel;
            }
        }
        violations.add(new Violation("channel", "must be one of voice, chat, task, email"));
        return Channel.VOICE;
    }

    private static String text(JsonNode body, String field, List<Violation> violations) {
        return JsonFields.text(body, field, "", violations);
    }
}
