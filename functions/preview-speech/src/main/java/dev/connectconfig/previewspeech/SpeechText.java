package dev.connectconfig.previewspeech;

import dev.connectconfig.api.errors.ApiException;
import dev.connectconfig.api.errors.FieldError;
import dev.connectconfig.core.render.SecureXml;
import dev.connectconfig.core.render.Ssml;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Text checked against what Amazon Polly accepts before it is sent: SSML (a {@code <speak>} document, parsed with
 * DTDs and external entities refused) or plain text, and Polly's size limits. Polly bills the characters read aloud,
 * not SSML tags: at most 3,000 of them, in at most 6,000 characters of input in all.
 *
 * @param billedCharacters the characters Polly reads aloud: all of plain text, the text content of SSML
 */
record SpeechText(String text, boolean ssml, int billedCharacters) {

    static final int MAX_BILLED_CHARACTERS = 3_000;
    static final int MAX_TOTAL_CHARACTERS = 6_000;

    /** @param field names the text in errors: {@code text}, or the stored prompt's path */
    static SpeechText check(String text, String field) {
        if (text == null || text.isBlank()) {
            throw ApiException.invalid(List.of(new FieldError(field, "must not be empty")));
        }
        int total = text.codePointCount(0, text.length());
        if (!Ssml.isSsml(text)) {
            if (total > MAX_BILLED_CHARACTERS) {
                throw ApiException.tooLarge("The text is " + format(total) + " characters; Amazon Polly speaks at most "
                        + format(MAX_BILLED_CHARACTERS) + " characters in one request.");
            }
            return new SpeechText(text, false, total);
        }
        if (total > MAX_TOTAL_CHARACTERS) {
            throw ApiException.tooLarge("The SSML is " + format(total) + " characters; Amazon Polly accepts at most "
                    + format(MAX_TOTAL_CHARACTERS) + " characters with tags (" + format(MAX_BILLED_CHARACTERS)
                    + " of them spoken).");
        }
        Optional<String> problem = Ssml.problem(text);
        if (problem.isPresent()) {
            throw new ApiException(400, "INVALID_SSML", "The SSML cannot be spoken: " + problem.get() + ".",
                    List.of(new FieldError(field, problem.get())));
        }
        int billed = spokenCharacters(text);
        if (billed > MAX_BILLED_CHARACTERS) {
            throw ApiException.tooLarge("The SSML speaks " + format(billed) + " characters; Amazon Polly speaks at most "
                    + format(MAX_BILLED_CHARACTERS) + " characters in one request (tags are not counted).");
        }
        return new SpeechText(text, true, billed);
    }

    /** Characters outside tags, entities decoded, as Polly bills them. */
    private static int spokenCharacters(String ssml) {
        int count = 0;
        try {
            XMLStreamReader reader = SecureXml.reader(ssml);
            try {
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                            || event == XMLStreamConstants.SPACE) {
                        String chunk = reader.getText();
                        count += chunk.codePointCount(0, chunk.length());
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            // Ssml.problem parsed the same text a moment ago; reaching here is a bug, not bad input.
            throw new IllegalStateException("SSML that parsed once failed to parse again", e);
        }
        return count;
    }

    private static String format(int number) {
        return String.format(java.util.Locale.ROOT, "%,d", number);
    }
}
