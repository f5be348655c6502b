package dev.connectconfig.checks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference checks CloudFormation makes when a stack is created or changed, made before any deploy: every
 * {@code Ref}, {@code Fn::GetAtt}, {@code ${...}} of {@code Fn::Sub}, {@code DependsOn}, {@code Condition} and
 * {@code Fn::If} names something the template declares ({@link #problems()}), and, for every combination of the
 * parameter values the conditions distinguish, names a resource that exists under those conditions
 * ({@link #problemsUnderEveryCondition()}) — the "Unresolved resource dependencies" a deploy would otherwise find.
 *
 * <p>SAM's generated resources count as declared, explicitly: {@code <Function>Role} for a function without a
 * {@code Role}, {@code <Function>.Alias} and {@code <Function>.Version} for a function with {@code AutoPublishAlias},
 * and {@code <Api>.Stage} and {@code <Api>.Deployment} for an {@code AWS::Serverless::Api}; each exists exactly when
 * its function or API does (SAM passes the Condition on).
 */
final class TemplateReferences {

    static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
            "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    /** Stands for "any other value" of a parameter a condition compares with literals. */
    static final String ANY_OTHER_VALUE = "<any other value>";

    private final Map<String, Object> parameters;
    private final Map<String, Object> conditions;
    private final Map<String, Object> resources;
    private final Map<String, Object> outputs;
    private final Map<String, Object> globals;
    private final Map<String, Object> mappings;
    private final Map<String, Object> rules;
    /** SAM-generated name (XRole, X.Alias, Api.Stage) → the SAM resource it comes from. */
    private final Map<String, String> generated = new LinkedHashMap<>();

    TemplateReferences(Map<String, Object> root) {
        this.parameters = section(root, "Parameters");
        this.conditions = section(root, "Conditions");
        this.resources = section(root, "Resources");
        this.outputs = section(root, "Outputs");
        this.globals = section(root, "Globals");
        this.mappings = section(root, "Mappings");
        this.rules = section(root, "Rules");
        Map<String, Object> functionGlobals = map(globals.get("Function"));
        resources.forEach((id, body) -> {
            Map<String, Object> resource = map(body);
            Map<String, Object> properties = map(resource.get("Properties"));
            switch (String.valueOf(resource.get("Type"))) {
                case "AWS::Serverless::Function" -> {
                    if (!properties.containsKey("Role")) {
                        generated.put(id + "Role", id);
                    }
                    if (properties.containsKey("AutoPublishAlias") || functionGlobals.containsKey("AutoPublishAlias")) {
                        generated.put(id + ".Alias", id);
                        generated.put(id + ".Version", id);
                    }
                }
                case "AWS::Serverless::Api" -> {
                    generated.put(id + ".Stage", id);
                    generated.put(id + ".Deployment", id);
                }
                default -> {
                }
            }
        });
    }

    /** Names that the template does not declare at all, whatever the parameters. */
    List<String> problems() {
        return List.copyOf(declarationPass().problems);
    }

    /** Parameters and conditions nothing reads: left behind by a change, they only mislead whoever deploys. */
    List<String> unused() {
        Check check = declarationPass();
        List<String> unused = new ArrayList<>();
        parameters.keySet().stream().filter(name -> !check.used.contains(name))
                .forEach(name -> unused.add("Parameters." + name + " is never used"));
        conditions.keySet().stream().filter(name -> !check.used.contains(name))
                .forEach(name -> unused.add("Conditions." + name + " is never used"));
        return unused;
    }

    /** Every section read once, both branches of every Fn::If, every declared resource taken to exist. */
    private Check declarationPass() {
        Check check = new Check(null, declared -> true);
        conditions.forEach((name, expression) -> check.conditionExpression(expression, "Conditions." + name));
        check.walk(globals, "Globals");
        rules.forEach((name, body) -> check.walk(body, "Rules." + name));
        resources.forEach((id, body) -> check.resource(id, map(body)));
        outputs.forEach((name, body) -> check.walk(body, "Outputs." + name));
        return check;
    }

    /**
     * References to resources that a deploy would not create: for each combination of parameter values, only the
     * resources and outputs whose condition holds are read, only the branch of each {@code Fn::If} that is taken, and
     * every resource they name must be one that is created too. Each problem says under which values it occurs.
     *
     * <p>Exact without the full product of every parameter (which grows past millions): whether one resource's or
     * output's references resolve depends only on the conditions it involves (its own, its {@code Fn::If}s', those of
     * the resources it names), so each is checked under every combination of the parameters those conditions read.
     */
    List<String> problemsUnderEveryCondition() {
        Map<String, String> problems = new LinkedHashMap<>();
        Map<String, List<String>> domains = parameterDomains();
        Map<String, Object> checked = new LinkedHashMap<>();
        resources.forEach((id, body) -> checked.put("Resources." + id, body));
        outputs.forEach((name, body) -> checked.put("Outputs." + name, body));
        checked.forEach((where, body) -> {
            Set<String> involved = new LinkedHashSet<>();
            collectConditions(body, involved);
            Map<String, List<String>> read = new LinkedHashMap<>();
            parametersOf(involved).forEach(name -> {
                if (domains.containsKey(name)) {
                    read.put(name, domains.get(name));
                }
            });
            for (Map<String, String> values : product(read)) {
                Map<String, Boolean> holds = evaluateConditions(values);
                Object own = map(body).get("Condition");
                if (own instanceof String name && !holds.getOrDefault(name, false)) {
                    continue;
                }
                Predicate<String> created = id -> {
                    Object condition = map(resources.get(generated.getOrDefault(id, id))).get("Condition");
                    return resources.containsKey(generated.getOrDefault(id, id))
                            && (!(condition instanceof String name) || holds.getOrDefault(name, false));
                };
                Check check = new Check(holds, created);
                if (where.startsWith("Resources.")) {
                    check.resource(where.substring("Resources.".length()), map(body));
                } else {
                    check.walk(body, where);
                }
                for (String problem : check.problems) {
                    problems.putIfAbsent(problem, describe(values));
                }
            }
        });
        List<String> described = new ArrayList<>();
        problems.forEach((problem, values) -> described.add(problem + " when " + values));
        return described;
    }

    /** The conditions {@code node} involves: its own and its Fn::Ifs', and the conditions of the resources it names. */
    private void collectConditions(Object node, Set<String> involved) {
        if (node instanceof List<?> list) {
            list.forEach(item -> collectConditions(item, involved));
            return;
        }
        if (!(node instanceof Map<?, ?> object)) {
            return;
        }
        Set<String> named = new LinkedHashSet<>();
        object.forEach((key, value) -> {
            switch (String.valueOf(key)) {
                case "Condition" -> {
                    if (value instanceof String name) {
                        involved.add(name);
                    }
                }
                case "Fn::If" -> {
                    if (value instanceof List<?> branches && !branches.isEmpty()) {
                        involved.add(String.valueOf(branches.get(0)));
                    }
                }
                case "Ref" -> named.add(String.valueOf(value));
                case "DependsOn" -> (value instanceof List<?> list ? list : List.of(value))
                        .forEach(v -> named.add(String.valueOf(v)));
                case "Fn::GetAtt" -> named.add(value instanceof List<?> pair && !pair.isEmpty()
                        ? String.valueOf(pair.get(0)) : String.valueOf(value).split("\\.")[0]);
                case "Fn::Sub" -> {
                    Matcher variables = SUB_VARIABLE.matcher(String.valueOf(value instanceof List<?> pair
                            && !pair.isEmpty() ? pair.get(0) : value));
                    while (variables.find()) {
                        named.add(variables.group(1).trim().split("\\.")[0]);
                    }
                }
                default -> {
                }
            }
        });
        for (String name : named) {
            String resource = generated.getOrDefault(name, name);
            if (map(resources.get(resource)).get("Condition") instanceof String condition) {
                involved.add(condition);
            }
        }
        object.values().forEach(value -> collectConditions(value, involved));
    }

    /** The parameters the named conditions read, through the conditions they name in turn. */
    private Set<String> parametersOf(Set<String> conditionNames) {
        Set<String> read = new TreeSet<>();
        Set<String> seen = new LinkedHashSet<>();
        List<String> pending = new ArrayList<>(conditionNames);
        while (!pending.isEmpty()) {
            String name = pending.remove(pending.size() - 1);
            if (seen.add(name)) {
                collectReads(conditions.get(name), read, pending);
            }
        }
        return read;
    }

    private void collectReads(Object expression, Set<String> read, List<String> pending) {
        if (expression instanceof Map<?, ?> node) {
            if (node.get("Ref") instanceof String name && parameters.containsKey(name)) {
                read.add(name);
            }
            if (node.get("Condition") instanceof String name) {
                pending.add(name);
            }
            if (node.get("Fn::Sub") instanceof String text) {
                Matcher variables = SUB_VARIABLE.matcher(text);
                while (variables.find()) {
                    if (parameters.containsKey(variables.group(1).trim())) {
                        read.add(variables.group(1).trim());
                    }
                }
            }
            node.values().forEach(value -> collectReads(value, read, pending));
        } else if (expression instanceof List<?> list) {
            list.forEach(value -> collectReads(value, read, pending));
        }
    }

    /** Every combination of the values in {@code domains}. */
    static List<Map<String, String>> product(Map<String, List<String>> domains) {
        List<Map<String, String>> combinations = new ArrayList<>();
        combinations.add(Map.of());
        for (Map.Entry<String, List<String>> domain : domains.entrySet()) {
            List<Map<String, String>> extended = new ArrayList<>();
            for (Map<String, String> combination : combinations) {
                for (String value : domain.getValue()) {
                    Map<String, String> next = new LinkedHashMap<>(combination);
                    next.put(domain.getKey(), value);
                    extended.add(next);
                }
            }
            combinations = extended;
        }
        return combinations;
    }

    /** How many combinations the full product of the {@link #parameterDomains() parameter values} has. */
    long combinationCount() {
        return parameterDomains().values().stream().mapToLong(List::size).reduce(1, Math::multiplyExact);
    }

    /**
     * The parameters the conditions combine, in groups: two parameters are in one group when a condition reads both
     * (directly or through the conditions it names).
     */
    List<Set<String>> parameterGroups() {
        Set<String> domains = parameterDomains().keySet();
        List<Set<String>> groups = new ArrayList<>();
        for (String condition : conditions.keySet()) {
            Set<String> read = new TreeSet<>(parametersOf(Set.of(condition)));
            read.retainAll(domains);
            List<Set<String>> joined = groups.stream().filter(g -> g.stream().anyMatch(read::contains)).toList();
            Set<String> merged = new TreeSet<>(read);
            joined.forEach(merged::addAll);
            groups.removeAll(joined);
            if (!merged.isEmpty()) {
                groups.add(merged);
            }
        }
        return groups;
    }

    /**
     * Every combination of the values within each {@link #parameterGroups() group}, and every pair of those across
     * groups: what {@code -Ptemplate-exhaustive} transforms, since the full product of all parameters is too large.
     */
    List<Map<String, String>> groupCombinations() {
        Map<String, List<String>> domains = parameterDomains();
        Map<String, List<Map<String, String>>> inGroup = new LinkedHashMap<>();
        Map<String, List<String>> asValues = new LinkedHashMap<>();
        for (Set<String> group : parameterGroups()) {
            Map<String, List<String>> groupDomains = new LinkedHashMap<>();
            group.forEach(name -> groupDomains.put(name, domains.get(name)));
            List<Map<String, String>> combinations = product(groupDomains);
            String key = String.join("+", group);
            inGroup.put(key, combinations);
            List<String> indexes = new ArrayList<>();
            for (int i = 0; i < combinations.size(); i++) {
                indexes.add(String.valueOf(i));
            }
            asValues.put(key, indexes);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (Map<String, String> row : PairwiseCombinations.of(asValues)) {
            Map<String, String> values = new LinkedHashMap<>();
            row.forEach((group, index) -> values.putAll(inGroup.get(group).get(Integer.parseInt(index))));
            rows.add(values);
        }
        return rows;
    }

    /**
     * The values of each parameter the conditions read: its AllowedValues, or else its default, each literal a
     * condition compares it with, and one value unlike any of them.
     */
    Map<String, List<String>> parameterDomains() {
        Map<String, Set<String>> compared = new LinkedHashMap<>();
        conditions.values().forEach(expression -> collectComparisons(expression, compared));
        Map<String, List<String>> domains = new LinkedHashMap<>();
        compared.forEach((name, literals) -> {
            Map<String, Object> parameter = map(parameters.get(name));
            Set<String> values = new LinkedHashSet<>();
            if (parameter.get("AllowedValues") instanceof List<?> allowed) {
                allowed.forEach(v -> values.add(String.valueOf(v)));
            } else {
                if (parameter.containsKey("Default")) {
                    values.add(String.valueOf(parameter.get("Default")));
                }
                values.addAll(literals);
                values.add(ANY_OTHER_VALUE);
            }
            domains.put(name, List.copyOf(values));
        });
        return domains;
    }

    /** Every combination of the {@link #parameterDomains() parameter values} (their full product): small templates only. */
    List<Map<String, String>> parameterCombinations() {
        return product(parameterDomains());
    }

    /** Combinations in which every pair of values of every two parameters occurs at least once. */
    List<Map<String, String>> parameterPairs() {
        return PairwiseCombinations.of(parameterDomains());
    }

    private void collectComparisons(Object expression, Map<String, Set<String>> domains) {
        if (expression instanceof Map<?, ?> node) {
            if (node.get("Ref") instanceof String name && parameters.containsKey(name)) {
                domains.computeIfAbsent(name, n -> new LinkedHashSet<>());
            }
            if (node.get("Fn::Equals") instanceof List<?> pair && pair.size() == 2) {
                for (int i = 0; i < 2; i++) {
                    if (pair.get(i) instanceof Map<?, ?> side && side.get("Ref") instanceof String name
                            && parameters.containsKey(name) && !(pair.get(1 - i) instanceof Map<?, ?>)) {
                        domains.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(String.valueOf(pair.get(1 - i)));
                    }
                }
            }
            node.values().forEach(value -> collectComparisons(value, domains));
        } else if (expression instanceof List<?> list) {
            list.forEach(value -> collectComparisons(value, domains));
        }
    }

    private Map<String, Boolean> evaluateConditions(Map<String, String> values) {
        Map<String, Boolean> holds = new HashMap<>();
        for (String name : conditions.keySet()) {
            holds.put(name, evaluate(conditions.get(name), values));
        }
        return holds;
    }

    /** A condition expression ({@code Fn::Equals}, {@code Fn::And}, ...; as in Conditions and Rules) under values. */
    boolean evaluate(Object expression, Map<String, String> values) {
        Map<String, Object> node = map(expression);
        if (node.get("Condition") instanceof String name) {
            return evaluate(conditions.get(name), values);
        }
        if (node.get("Fn::Not") instanceof List<?> operand) {
            return !evaluate(operand.get(0), values);
        }
        if (node.get("Fn::And") instanceof List<?> operands) {
            return operands.stream().allMatch(o -> evaluate(o, values));
        }
        if (node.get("Fn::Or") instanceof List<?> operands) {
            return operands.stream().anyMatch(o -> evaluate(o, values));
        }
        if (node.get("Fn::Equals") instanceof List<?> pair) {
            return valueOf(pair.get(0), values).equals(valueOf(pair.get(1), values));
        }
        throw new IllegalArgumentException("not a condition expression: " + expression);
    }

    private String valueOf(Object operand, Map<String, String> values) {
        if (operand instanceof Map<?, ?> node && node.get("Ref") instanceof String name) {
            return values.getOrDefault(name, "<" + name + ">");
        }
        // Fn::Select of an Fn::Split (of a Ref or a Sub of parameters), as a condition on a list parameter reads it.
        if (operand instanceof Map<?, ?> node && node.get("Fn::Select") instanceof List<?> select
                && select.size() == 2 && map(select.get(1)).get("Fn::Split") instanceof List<?> split
                && split.size() == 2) {
            String[] items = valueOf(split.get(1), values).split(java.util.regex.Pattern.quote(
                    String.valueOf(split.get(0))), -1);
            int index = Integer.parseInt(String.valueOf(select.get(0)));
            return index < items.length ? items[index] : "<out of range>";
        }
        if (operand instanceof Map<?, ?> node && node.get("Fn::Sub") instanceof String text) {
            Matcher variables = SUB_VARIABLE.matcher(text);
            StringBuilder resolved = new StringBuilder();
            while (variables.find()) {
                String name = variables.group(1).trim();
                variables.appendReplacement(resolved, Matcher.quoteReplacement(
                        values.getOrDefault(name, "<" + name + ">")));
            }
            return variables.appendTail(resolved).toString();
        }
        return String.valueOf(operand);
    }

    /** An operand of a condition (a Ref, a Select of a Split, a Sub of parameters) under {@code values}. */
    String value(Object operand, Map<String, String> values) {
        return valueOf(operand, values);
    }

    /** Which of the template's conditions hold under {@code values}. */
    Map<String, Boolean> conditionsUnder(Map<String, String> values) {
        return evaluateConditions(values);
    }

    /** The parameters' values as a deploy gives them: {@code values}, and every other parameter's default. */
    Map<String, String> withDefaults(Map<String, String> values) {
        Map<String, String> all = new LinkedHashMap<>();
        parameters.forEach((name, body) -> {
            Object value = map(body).get("Default");
            if (value != null) {
                all.put(name, String.valueOf(value));
            }
        });
        all.putAll(values);
        return all;
    }

    /**
     * What the Rules section refuses, as CloudFormation evaluates it before it creates anything: the assertion
     * descriptions of each rule that applies to {@code values} (others at their defaults) and fails.
     */
    List<String> refusals(Map<String, String> values) {
        Map<String, String> all = withDefaults(values);
        List<String> refused = new ArrayList<>();
        rules.forEach((name, body) -> {
            Object applies = map(body).get("RuleCondition");
            if (applies != null && !evaluate(applies, all)) {
                return;
            }
            for (Object assertion : (List<?>) map(body).get("Assertions")) {
                if (!evaluate(map(assertion).get("Assert"), all)) {
                    refused.add(name + ": " + String.valueOf(map(assertion).get("AssertDescription")).strip());
                }
            }
        });
        return refused;
    }

    private static String describe(Map<String, String> values) {
        List<String> pairs = new ArrayList<>();
        values.forEach((name, value) -> pairs.add(name + "=" + (value.isEmpty() ? "''" : value)));
        return String.join(", ", pairs);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> root, String name) {
        Object section = root.get(name);
        return section instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /**
     * One pass over the template. {@code holds} is null for the declaration check (both branches of every
     * {@code Fn::If} are read); otherwise it says which conditions hold and {@code created} which resources exist.
     */
    private final class Check {
        private final Map<String, Boolean> holds;
        private final Predicate<String> created;
        final Set<String> problems = new TreeSet<>();
        final Set<String> used = new LinkedHashSet<>();

        Check(Map<String, Boolean> holds, Predicate<String> created) {
            this.holds = holds;
            this.created = created;
        }

        void resource(String id, Map<String, Object> resource) {
            String where = "Resources." + id;
            Object dependsOn = resource.get("DependsOn");
            for (Object dependency : dependsOn instanceof List<?> list ? list : dependsOn == null ? List.of()
                    : List.of(dependsOn)) {
                String name = String.valueOf(dependency);
                if (!resources.containsKey(name)) {
                    problems.add(where + ": DependsOn " + name + " names no resource");
                } else if (holds != null && !created.test(name)) {
                    problems.add(where + ": DependsOn " + name + ", which is not created");
                }
            }
            walk(resource, where);
        }

        void conditionExpression(Object expression, String where) {
            if (expression instanceof Map<?, ?> node) {
                if (node.get("Ref") instanceof String name) {
                    used.add(name);
                }
                if (node.get("Ref") instanceof String name && !parameters.containsKey(name)
                        && !PSEUDO_PARAMETERS.contains(name)) {
                    problems.add(where + ": a condition may Ref only parameters, not " + name);
                }
                if (node.get("Condition") instanceof String name) {
                    condition(name, where);
                }
                node.values().forEach(value -> conditionExpression(value, where));
            } else if (expression instanceof List<?> list) {
                list.forEach(value -> conditionExpression(value, where));
            }
        }

        void walk(Object node, String where) {
            if (node instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    walk(list.get(i), where + "[" + i + "]");
                }
                return;
            }
            if (!(node instanceof Map<?, ?> map)) {
                return;
            }
            if (map.size() == 1) {
                Map.Entry<?, ?> function = map.entrySet().iterator().next();
                Object argument = function.getValue();
                switch (String.valueOf(function.getKey())) {
                    case "Ref" -> {
                        ref(String.valueOf(argument), where);
                        return;
                    }
                    case "Fn::GetAtt" -> {
                        getAtt(argument, where);
                        return;
                    }
                    case "Fn::Sub" -> {
                        sub(argument, where);
                        return;
                    }
                    case "Fn::If" -> {
                        fnIf(argument, where);
                        return;
                    }
                    case "Fn::FindInMap" -> {
                        if (argument instanceof List<?> path && !path.isEmpty() && path.get(0) instanceof String m
                                && !mappings.containsKey(m)) {
                            problems.add(where + ": FindInMap " + m + " names no mapping");
                        }
                    }
                    default -> {
                    }
                }
            }
            map.forEach((key, value) -> {
                // A resource's, an output's or Fn::Condition's condition is a name; an IAM statement's is a map.
                if ("Condition".equals(key) && value instanceof String name) {
                    condition(name, where);
                } else {
                    walk(value, where + "." + key);
                }
            });
        }

        private void condition(String name, String where) {
            used.add(name);
            if (!conditions.containsKey(name)) {
                problems.add(where + ": Condition " + name + " names no condition");
            }
        }

        private void ref(String name, String where) {
            used.add(name);
            if (parameters.containsKey(name) || PSEUDO_PARAMETERS.contains(name)) {
                return;
            }
            resource("Ref " + name, name, where);
        }

        private void getAtt(Object argument, String where) {
            String id;
            String attribute;
            if (argument instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof String first) {
                id = first;
                attribute = String.valueOf(pair.get(1));
                walk(pair.get(1), where);
            } else if (argument instanceof String dotted && dotted.contains(".")) {
                id = dotted.substring(0, dotted.indexOf('.'));
                attribute = dotted.substring(dotted.indexOf('.') + 1);
            } else {
                problems.add(where + ": GetAtt " + argument + " is not resource.attribute");
                return;
            }
            if (parameters.containsKey(id)) {
                problems.add(where + ": GetAtt " + id + "." + attribute + " names a parameter, not a resource");
                return;
            }
            resource("GetAtt " + id + "." + attribute, id, where);
        }

        private void sub(Object argument, String where) {
            String text;
            Set<String> locals = new LinkedHashSet<>();
            if (argument instanceof List<?> pair && pair.size() == 2) {
                text = String.valueOf(pair.get(0));
                map(pair.get(1)).forEach((name, value) -> {
                    locals.add(name);
                    walk(value, where + ".Sub." + name);
                });
            } else {
                text = String.valueOf(argument);
            }
            Matcher variables = SUB_VARIABLE.matcher(text);
            while (variables.find()) {
                String name = variables.group(1).trim();
                if (name.startsWith("!") || locals.contains(name)) {
                    continue;
                }
                if (name.contains(".") && !PSEUDO_PARAMETERS.contains(name) && !generated.containsKey(name)) {
                    getAtt(name, where);
                } else {
                    used.add(name);
                    if (parameters.containsKey(name) || PSEUDO_PARAMETERS.contains(name)) {
                        continue;
                    }
                    resource("Sub ${" + name + "}", name, where);
                }
            }
        }

        private void fnIf(Object argument, String where) {
            if (!(argument instanceof List<?> branches) || branches.size() != 3
                    || !(branches.get(0) instanceof String name)) {
                problems.add(where + ": Fn::If takes [condition, value if true, value if false]");
                return;
            }
            condition(name, where);
            if (holds == null || !conditions.containsKey(name)) {
                walk(branches.get(1), where + ".If(" + name + ")");
                walk(branches.get(2), where + ".If(!" + name + ")");
            } else if (holds.get(name)) {
                walk(branches.get(1), where + ".If(" + name + ")");
            } else {
                walk(branches.get(2), where + ".If(!" + name + ")");
            }
        }

        private void resource(String reference, String id, String where) {
            if (!resources.containsKey(id) && !generated.containsKey(id)) {
                problems.add(where + ": " + reference + " names no parameter, resource or SAM-generated resource");
            } else if (holds != null && !created.test(id)) {
                problems.add(where + ": " + reference + " names a resource that is not created");
            }
        }
    }
}
