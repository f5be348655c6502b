package dev.connectconfig.platform.cloudformation;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Where a custom resource may PUT its answer: CloudFormation's pre-signed S3 URLs in the function's own region, and
 * nowhere else, so an event cannot make the function send a request (or its answer) to a host of the caller's
 * choosing. CloudFormation answers go to its bucket {@code cloudformation-custom-resource-response-<region without
 * dashes>} over HTTPS, addressed virtual-hosted style on S3's global, dash-regional or dot-regional host in the aws,
 * aws-cn ({@code .amazonaws.com.cn}) and aws-us-gov partitions, for example
 * {@code cloudformation-custom-resource-response-useast1.s3.amazonaws.com},
 * {@code cloudformation-custom-resource-response-uswest2.s3-us-west-2.amazonaws.com},
 * {@code cloudformation-custom-resource-response-cnnorth1.s3.cn-north-1.amazonaws.com.cn} and
 * {@code cloudformation-custom-resource-response-usgovwest1.s3-us-gov-west-1.amazonaws.com}. The region is the
 * function's: a stack's custom resource runs in the stack's region, and a bucket named for another region (or for no
 * region, which anyone could create) is refused.
 *
 * <p>The offline runner stands in for CloudFormation on a loopback port and names it in {@link #RUNNER_ORIGIN_VARIABLE}, a
 * variable only the runner sets (template.yaml never does; TemplateContract checks both). Even set, it admits only a
 * loopback HTTP origin.
 */
public final class ResponseUrls {

    /** Set by the offline runner only: {@code http://127.0.0.1:<port>}, its stand-in for CloudFormation's URLs. */
    public static final String RUNNER_ORIGIN_VARIABLE = "LOCAL_RUNNER_RESPONSE_ORIGIN";

    private final Pattern cloudFormationHost;
    private final URI loopbackOrigin;

    private ResponseUrls(Pattern cloudFormationHost, URI loopbackOrigin) {
        this.cloudFormationHost = cloudFormationHost;
        this.loopbackOrigin = loopbackOrigin;
    }

    /** CloudFormation's response hosts for {@code region} ({@code us-east-1}); none for a malformed region. */
    public static ResponseUrls cloudFormation(String region) {
        String name = region == null ? "" : region.trim().toLowerCase(Locale.ROOT);
        if (!name.matches("[a-z]{2}(-[a-z]+)+-[0-9]")) {
            return new ResponseUrls(null, null);
        }
        String bucket = Pattern.quote("cloudformation-custom-resource-response-" + name.replace("-", ""));
        String domain = name.startsWith("cn-") ? "amazonaws\\.com\\.cn" : "amazonaws\\.com";
        String s3 = "s3(?:[.-]" + Pattern.quote(name) + ")?";
        return new ResponseUrls(Pattern.compile(bucket + "\\." + s3 + "\\." + domain), null);
    }

    /** The function's: its region's CloudFormation hosts, and the runner's loopback origin when the runner set one. */
    public static ResponseUrls fromEnvironment(UnaryOperator<String> environment) {
        ResponseUrls cloudFormation = cloudFormation(environment.apply("AWS_REGION"));
        String runner = environment.apply(RUNNER_ORIGIN_VARIABLE);
        return runner == null || runner.isBlank() ? cloudFormation
                : new ResponseUrls(cloudFormation.cloudFormationHost, loopback(URI.create(runner.trim())));
    }

    /** For tests and the runner: {@code region}'s CloudFormation hosts and the loopback {@code origin}. */
    public static ResponseUrls cloudFormationAnd(String region, URI origin) {
        return new ResponseUrls(cloudFormation(region).cloudFormationHost, loopback(origin));
    }

    /** Whether an answer may be PUT to {@code url}. */
    public boolean allows(URI url) {
        if (url == null || url.getRawAuthority() == null || url.getRawUserInfo() != null || url.getHost() == null) {
            return false;
        }
        if (loopbackOrigin != null && Objects.equals(url.getScheme(), loopbackOrigin.getScheme())
                && url.getHost().equals(loopbackOrigin.getHost()) && url.getPort() == loopbackOrigin.getPort()) {
            return true;
        }
        return cloudFormationHost != null && "https".equals(url.getScheme())
                && (url.getPort() == -1 || url.getPort() == 443)
                && cloudFormationHost.matcher(url.getHost().toLowerCase(Locale.ROOT)).matches();
    }

    /** Whether {@code url} is a well-formed URL this allows; never throws. */
    public boolean allows(String url) {
        try {
            return url != null && allows(new URI(url));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static URI loopback(URI origin) {
        boolean isLoopback = ("http".equals(origin.getScheme()) || "https".equals(origin.getScheme()))
                && ("127.0.0.1".equals(origin.getHost()) || "localhost".equals(origin.getHost()))
                && origin.getPort() > 0;
        if (!isLoopback) {
            throw new IllegalArgumentException(RUNNER_ORIGIN_VARIABLE + " must be a loopback origin such as"
                    + " http://127.0.0.1:8123, not " + origin);
        }
        return origin;
    }
}
