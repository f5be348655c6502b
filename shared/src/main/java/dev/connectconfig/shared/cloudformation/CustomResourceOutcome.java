package dev.connectconfig.shared.cloudformation;

import java.util.Map;

/**
 * What a successful operation tells CloudFormation: the physical id and the {@code Data} that {@code Fn::GetAtt}
 * reads, plus counts for the function's metrics.
 */
public record CustomResourceOutcome(String physicalResourceId, Map<String, Object> data, Map<String, Double> metrics) {

    public CustomResourceOutcome {
        data = Map.copyOf(data);
        metrics = Map.copyOf(metrics);
    }
}
