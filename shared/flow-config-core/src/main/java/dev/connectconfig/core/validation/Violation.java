package dev.connectconfig.core.validation;

/** One thing wrong with a request, named by the path of the offending field ({@code prompts.Welcome.en-US.voice}). */
public record Violation(String field, String message) {
}
