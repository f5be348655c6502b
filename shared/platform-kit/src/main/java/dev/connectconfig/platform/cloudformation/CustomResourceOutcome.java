package dev.connectconfig.platform.cloudformation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a successful operation tells CloudFormation: the physical id and the {@code Data} that {@code Fn::GetAtt}
 * reads, plus counts for the function's metrics.
 */
public record CustomResourceOutcome(String physicalResourceId, Map<String, Object> data, Map<String, Double> metrics) {

    public CustomResourceOutcome {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data)); // keeps the order CloudFormation shows
        metrics = Map.copyOf(metrics);
    }
}
