package dev.connectconfig.flowconfig;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.api.auth.Caller;
import dev.connectconfig.api.auth.FlowConfigAction;
import dev.connectconfig.api.auth.FlowConfigAuthorizer;
import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.core.calendar.HolidayCalendar;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.store.StoreUnavailableException;
import dev.connectconfig.core.validation.FlowConfigValidator;
import dev.connectconfig.core.validation.Violation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one owner of every write of a flow config: PUT, restore, import (and its dry run) and the emergency switch
 * each describe what they want stored as {@link Draft}s in a {@link WriteRequest}, and {@link #write} takes every
 * draft through the same steps, in this order: validate (the size rule first), the precondition ({@code If-Match} or
 * {@code If-None-Match}), classify (values or structure: the action the change needs), authorise (the authorizer
 * asked once for the whole write, unless the caller already holds its answer), next version, commit with history,
 * and a lost race mapped. What differs between callers is how a refusal is answered, so they say that ({@link
 * Refusals}) and {@link #write} decides. Not final only so that a test can watch which writes go through it.
 */
class ConfigWriter {

    /** A single-config write asks about every action at once: seeing the config, and the change it turns out to be. */
    static final Set<FlowConfigAction> WRITE_ACTIONS = EnumSet.allOf(FlowConfigAction.class);

    /**
     * One config to write: its place in the request, what is stored now, what should be stored, the precondition
     * the caller sent (null: none) and the action it needs when that is not what the change is (restore).
     */
    record Draft(int index, Optional<FlowConfig> stored, FlowConfig submitted,
            FlowConfigService.Precondition precondition, FlowConfigAction action) {

        String id() {
            return submitted.id();
        }
    }

    /** What the authorizer answered for this write: may the caller take {@code action} on {@code id}. */
    interface Permissions {
        boolean allows(String id, FlowConfigAction action);

        /** 403 in the authorizer's words unless allowed. */
        default void require(String id, FlowConfigAction action) {
            if (!allows(id, action)) {
                throw forbidden(id, action);
            }
        }
    }

    /** How the caller answers a refusal: throw at once (one config), collect (import) or report and go on (switch). */
    interface Refusals {
        /** {@code draft} breaks the rules. */
        void invalid(Draft draft, List<Violation> problems);

        /** The caller may not take {@code action} on the draft's config. */
        void forbidden(Draft draft, FlowConfigAction action);

        /** Every draft has been through one step: an all-or-nothing write throws here what it collected. */
        default void stepDone() {
        }

        /** A transaction of a write that stops at the first failure failed: what to throw. */
        default RuntimeException failed(RuntimeException failure, List<List<Written>> transactions, int done) {
            return failure;
        }

        /** A switch, which goes on past failures: {@code written} was not committed, for the reason given. */
        default void notCommitted(Written written, String code, String message) {
        }

        /**
         * Asked before each transaction of a write committed {@link Commit#EACH}: true once no new transaction may
         * start (the switch's deadline); the transactions not started are then {@link #notStarted}.
         */
        default boolean stopStarting() {
            return false;
        }

        /** {@code written} was not tried because {@link #stopStarting} said so: a repeat of the request does it. */
        default void notStarted(Written written) {
        }

        /** Every draft passed every check and the write is no dry run: what must be written first (an import's calendars). */
        default void beforeCommit() {
        }
    }

    /**
     * How the changes are committed: all-or-nothing, stopping at the first failure; or each on its own, a few
     * transactions at a time, every callback of {@link Refusals} then coming from any of those threads.
     */
    enum Commit { TOGETHER, EACH }

    /**
     * One write: the caller and why ({@code reason} goes to the history), the drafts, the authorizer's answer if
     * the caller already holds it (else {@link #write} asks), how refusals are answered and how changes are
     * committed; {@code skipUnchanged} leaves a config whose content would not change as it is (import), and a
     * dry run stops before committing.
     */
    record WriteRequest(Caller caller, String reason, List<Draft> drafts, Permissions permissions, Refusals refusals,
            Commit commit, boolean skipUnchanged, boolean dryRun, Map<String, HolidayCalendar> calendars) {

        /**
         * {@code calendars}: judge the drafts with these in place of the stored calendars of the same id (an import's,
         * written just before its configs); none for every other write.
         */
        WriteRequest {
            calendars = calendars == null ? Map.of() : Map.copyOf(calendars);
        }

        WriteRequest(Caller caller, String reason, List<Draft> drafts, Permissions permissions, Refusals refusals,
                Commit commit, boolean skipUnchanged, boolean dryRun) {
            this(caller, reason, drafts, permissions, refusals, commit, skipUnchanged, dryRun, Map.of());
        }

        /** One config, answered by exceptions: a lost race is a 412 with the version stored now. */
        static WriteRequest one(Caller caller, String reason, Draft draft, Permissions permissions, Refusals refusals) {
            return new WriteRequest(caller, reason, List.of(draft), permissions, refusals, Commit.TOGETHER, false,
                    false);
        }
    }

    /** A draft that is (or, in a dry run, would be) written, and its change. */
    record Written(Draft draft, FlowConfigRepository.Change change) {

        FlowConfig next() {
            return change.next();
        }
    }

    /** What {@link #write} did: the drafts left unchanged, the transactions planned and the changes committed. */
    record WriteResult(List<Draft> unchanged, List<List<Written>> transactions, List<Written> committed) {

        /** The stored config of a one-config write. */
        FlowConfig only() {
            return transactions.get(0).get(0).next();
        }
    }

    private final FlowConfigRepository repository;
    private final ConfigCatalog catalog;
    private final Clock clock;

    ConfigWriter(FlowConfigRepository repository, ConfigCatalog catalog, Clock clock) {
        this.repository = repository;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * Takes every draft through validate, precondition, classify and authorise, each step for all drafts before the
     * next; then gives each written config its next version and commits. A refused draft goes no further.
     */
    WriteResult write(WriteRequest request) {
        Refusals refusals = request.refusals();
        List<Draft> drafts = new ArrayList<>();
        Map<String, HolidayCalendar> calendars = new java.util.HashMap<>(calendarsOf(request.drafts().stream()
                .map(Draft::submitted).toList()));
        calendars.putAll(request.calendars());
        for (Draft draft : request.drafts()) {
            // Judged with the calendars its schedules name (an unknown one is a 400 on its field); stored by id only.
            List<Violation> problems = problems(draft.submitted().withCalendars(calendars));
            if (problems.isEmpty()) {
                drafts.add(draft);
            } else {
                refusals.invalid(draft, problems);
            }
        }
        refusals.stepDone();
        for (Draft draft : drafts) {
            if (draft.precondition() != null) {
                draft.precondition().check(draft.stored().orElse(null));
            }
        }
        Map<Draft, FlowConfigAction> actions = new LinkedHashMap<>();
        List<Draft> unchanged = new ArrayList<>();
        for (Draft draft : drafts) {
            ConfigChange change = draft.stored().map(stored -> ConfigChange.between(stored, draft.submitted()))
                    .orElse(ConfigChange.STRUCTURE);
            boolean skipped = request.skipUnchanged() && draft.stored().isPresent() && change == ConfigChange.NONE;
            if (skipped) {
                unchanged.add(draft);
            }
            actions.put(draft, draft.action() != null ? draft.action() : skipped ? FlowConfigAction.READ
                    : draft.stored().isEmpty() ? FlowConfigAction.CREATE : change.action());
        }
        Permissions permissions = request.permissions() != null ? request.permissions()
                : ask(request.caller(), actions);
        List<Written> planned = new ArrayList<>();
        String at = now();
        actions.forEach((draft, action) -> {
            if (!permissions.allows(draft.id(), action)) {
                refusals.forbidden(draft, action);
            } else if (!unchanged.contains(draft)) {
                FlowConfig next = draft.submitted().withBookkeeping(nextVersion(draft.id(), draft.stored()), at,
                        request.caller().name());
                planned.add(new Written(draft, new FlowConfigRepository.Change(draft.stored().orElse(null), next,
                        request.reason(), at, request.caller().name())));
            }
        });
        refusals.stepDone();
        List<List<Written>> transactions = TransactionBatches.of(planned, Written::change, repository);
        if (request.dryRun()) {
            return new WriteResult(unchanged, transactions, List.of());
        }
        refusals.beforeCommit();
        List<Written> committed = new ArrayList<>();
        if (request.commit() == Commit.EACH) {
            catalog.calls().map(transactions, transaction -> {
                List<Written> done = new ArrayList<>();
                if (refusals.stopStarting()) {
                    transaction.forEach(refusals::notStarted);
                } else {
                    commitEach(transaction, done, refusals);
                }
                return done;
            }).forEach(committed::addAll);
            return new WriteResult(unchanged, transactions, committed);
        }
        for (int done = 0; done < transactions.size(); done++) {
            try {
                repository.commit(transactions.get(done).stream().map(Written::change).toList());
                committed.addAll(transactions.get(done));
            } catch (RuntimeException e) {
                throw refusals.failed(e, transactions, done);
            }
        }
        return new WriteResult(unchanged, transactions, committed);
    }

    /** The calendars these configs' schedules name, read in one batch; none read when they name none. */
    Map<String, HolidayCalendar> calendarsOf(List<FlowConfig> configs) {
        List<String> ids = configs.stream().flatMap(config -> config.calendarIds().stream())
                .filter(FlowConfigValidator::isValidId).distinct().toList();
        return ids.isEmpty() ? Map.of() : repository.findCalendars(ids);
    }

    /** {@code config} with the calendars it names, as GetConfig will serve it. */
    FlowConfig resolved(FlowConfig config) {
        return config.withCalendars(calendarsOf(List.of(config)));
    }

    /** The authorizer's answer for this write: one question for one config, one per action for several. */
    private Permissions ask(Caller caller, Map<Draft, FlowConfigAction> actions) {
        if (actions.size() == 1) {
            Map.Entry<Draft, FlowConfigAction> only = actions.entrySet().iterator().next();
            Set<FlowConfigAction> permitted = catalog.permitted(caller, only.getKey().id(), Set.of(only.getValue()));
            return (id, action) -> id.equals(only.getKey().id()) && permitted.contains(action);
        }
        Map<FlowConfigAction, List<String>> byAction = new LinkedHashMap<>();
        actions.forEach((draft, action) -> byAction.computeIfAbsent(action, a -> new ArrayList<>()).add(draft.id()));
        Map<FlowConfigAction, Set<String>> allowed = new LinkedHashMap<>();
        byAction.forEach((action, ids) -> allowed.put(action, catalog.allowed(caller, action, ids)));
        return (id, action) -> allowed.getOrDefault(action, Set.of()).contains(id);
    }

    /** One question for everything a single-config write may need; the answer is then the write's. */
    Permissions permissions(Caller caller, String id) {
        Set<FlowConfigAction> permitted = catalog.permitted(caller, id, WRITE_ACTIONS);
        return (asked, action) -> asked.equals(id) && permitted.contains(action);
    }

    /** One transaction; when someone else changed one of its configs meanwhile, the others go one at a time. */
    private void commitEach(List<Written> transaction, List<Written> committed, Refusals refusals) {
        try {
            repository.commit(transaction.stream().map(Written::change).toList());
            committed.addAll(transaction);
            return;
        } catch (FlowConfigRepository.ConflictException e) {
            if (transaction.size() == 1) {
                refusals.notCommitted(transaction.get(0), "CONFLICT", "Changed by someone else meanwhile; "
                        + "run the switch again.");
                return;
            }
        } catch (StoreUnavailableException e) {
            transaction.forEach(w -> refusals.notCommitted(w, "UNAVAILABLE", "The store did not confirm "
                    + "this change; read the config to see whether it was made."));
            return;
        }
        for (Written written : transaction) {
            commitEach(List.of(written), committed, refusals);
        }
    }

    /** The 403 of a refused action, in the words {@link FlowConfigAuthorizer#require} uses. */
    static ApiException forbidden(String id, FlowConfigAction action) {
        return ApiException.forbidden("You may not " + FlowConfigAuthorizer.describe(action) + " flow config '" + id
                + "'.");
    }

    /** A change of one config lost a race: 412 with the version stored now. */
    RuntimeException conflictOf(RuntimeException failure, String id) {
        return failure instanceof FlowConfigRepository.ConflictException ? mismatch(id) : failure;
    }

    /** Parses a config from JSON strictly; the path's id wins and a different id in the body is refused. */
    FlowConfig parse(JsonNode body, String id, String fieldPrefix) {
        List<Violation> violations = new ArrayList<>();
        FlowConfig parsed = FlowConfigJson.fromJson(body, violations);
        if (parsed != null && parsed.id() != null && !parsed.id().equals(id)) {
            violations.add(new Violation("id", "must match the id in the path ('" + id + "') or be left out"));
        }
        if (!violations.isEmpty()) {
            throw FieldErrors.invalid(prefixed(violations, fieldPrefix));
        }
        return new FlowConfig(id, parsed.description(), parsed.variables(), parsed.schema(), parsed.prompts(),
                parsed.defaultLanguage(), 0, null, null, parsed.timeZone(), parsed.schedules());
    }

    /**
     * The rules a config breaks. One too large to store is answered with that alone: its other rules (rendering
     * every language) are not worth judging.
     */
    static List<Violation> problems(FlowConfig config) {
        return FlowConfigValidator.sizeProblem(config).map(List::of)
                .orElseGet(() -> FlowConfigValidator.validate(config));
    }

    /** A config too large to store is a 413 TOO_LARGE; any other broken rule a 400 naming the field. */
    static void validate(FlowConfig config) {
        List<Violation> problems = problems(config);
        if (!problems.isEmpty()) {
            throw refusal(config, problems);
        }
    }

    /** {@link #problems} as one config's answer: 413 TOO_LARGE for the size rule, else 400 naming each field. */
    static ApiException refusal(FlowConfig config, List<Violation> problems) {
        Optional<Violation> tooLarge = FlowConfigValidator.sizeProblem(config);
        if (tooLarge.isPresent() && problems.equals(List.of(tooLarge.get()))) {
            return new ApiException(413, "TOO_LARGE", "Flow config '" + config.id() + "': "
                    + tooLarge.get().message() + ".", FieldErrors.of(List.of(tooLarge.get())));
        }
        return FieldErrors.invalid(problems);
    }

    /** One config's refusals, thrown at once: 413 or 400, 403 naming the action, a lost race as 412. */
    Refusals thrown() {
        return new Refusals() {
            @Override
            public void invalid(Draft draft, List<Violation> problems) {
                throw refusal(draft.submitted(), problems);
            }

            @Override
            public void forbidden(Draft draft, FlowConfigAction action) {
                throw ConfigWriter.forbidden(draft.id(), action);
            }

            @Override
            public RuntimeException failed(RuntimeException failure, List<List<Written>> transactions, int done) {
                return conflictOf(failure, transactions.get(done).get(0).draft().id());
            }
        };
    }

    /** Violations of a config that sits at {@code prefix} (such as {@code flowConfigs[3].}) in a larger document. */
    static List<Violation> prefixed(List<Violation> violations, String prefix) {
        if (prefix.isEmpty()) {
            return violations;
        }
        return violations.stream().map(v -> new Violation(v.field().isEmpty() ? prefix.substring(0,
                prefix.length() - 1) : prefix + v.field(), v.message())).toList();
    }

    /** Versions never repeat: after a delete, a config starts again above its last archived version. */
    long nextVersion(String id, Optional<FlowConfig> stored) {
        return stored.map(FlowConfig::version).orElseGet(() -> repository.latestArchivedVersion(id)) + 1;
    }

    /** Commits a delete; when someone else changed the config meanwhile, 412 with the version stored now. */
    void delete(FlowConfig stored, Caller caller) {
        try {
            repository.commit(List.of(new FlowConfigRepository.Change(stored, null, "deleted", now(),
                    caller.name())));
        } catch (FlowConfigRepository.ConflictException e) {
            throw mismatch(stored.id());
        }
    }

    private VersionMismatchException mismatch(String id) {
        Optional<FlowConfig> now = repository.find(id);
        return new VersionMismatchException("'" + id + "' was changed by someone else"
                + now.map(c -> "; it is now at version " + c.version() + ". Reload it and apply your change again.")
                        .orElse(" and no longer exists."), now.map(FlowConfig::version).orElse(null));
    }

    Instant instant() {
        return clock.instant();
    }

    /** Now, as written into {@code updatedAt} and the history. */
    String now() {
        return instant().toString();
    }
}
