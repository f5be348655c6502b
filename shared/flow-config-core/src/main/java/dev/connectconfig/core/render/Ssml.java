package dev.connectconfig.core.render;

import java.util.Locale;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * SSML as Amazon Connect and Amazon Polly read it: a {@code <speak>} document. Converts it to the plain text a chat,
 * task or email contact should read, with an XML parser rather than regular expressions, so entities are decoded,
 * CDATA is kept and tags are never leaked to a customer.
 */
public final class Ssml {

    private Ssml() {
    }

    /**
     * True when the text is markup: its first non-blank character opens a tag. Such text must be a well-formed
     * {@code <speak>} document; anything else is plain text.
     */
    public static boolean isSsml(String text) {
        return text != null && text.stripLeading().startsWith("<");
    }

    /**
     * The voice text as a {@code <speak>} document, the one form every voice prompt is played in: a stored
     * {@code <speak>} document unchanged, plain text XML-escaped ({@code &}, {@code <}, {@code >}) and wrapped, so a
     * flow can play every voice prompt as SSML and Polly never reads a bare {@code &} or {@code <}.
     */
    public static String speakable(String voice) {
        if (voice == null || isSsml(voice)) {
            return voice;
        }
        StringBuilder out = new StringBuilder(voice.length() + 16).append("<speak>");
        for (int i = 0; i < voice.length(); i++) {
            char c = voice.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.append("</speak>").toString();
    }

    /**
     * Why {@code ssml} is not a well-formed {@code <speak>} document, or empty when it is. The reason names the
     * problem and line but carries no parser internals.
     */
    public static Optional<String> problem(String ssml) {
        try {
            readText(ssml);
            return Optional.empty();
        } catch (XMLStreamException e) {
            String where = e.getLocation() == null || e.getLocation().getLineNumber() < 0 ? ""
                    : " (line " + e.getLocation().getLineNumber() + ")";
            return Optional.of(describe(e) + where);
        }
    }

    /** The text a reader sees: tags dropped, {@code <break>} a space, entities decoded, whitespace collapsed. */
    public static String toPlainText(String text) {
        if (!isSsml(text)) {
            return collapse(text == null ? "" : text);
        }
        try {
            return readText(text);
        } catch (XMLStreamException malformed) {
            // Stored configs are validated on write, so this is a config saved by an older or outside writer.
            // Showing raw SSML to a customer is worse than showing nothing.
            return "";
        }
    }

    private static String readText(String ssml) throws XMLStreamException {
        XMLStreamReader reader = SecureXml.reader(ssml);
        StringBuilder out = new StringBuilder(ssml.length());
        boolean sawRoot = false;
        try {
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        String name = reader.getLocalName().toLowerCase(Locale.ROOT);
                        if (!sawRoot) {
                            if (!"speak".equals(name)) {
                                throw new RootProblem("the root element must be <speak>, not <" + name + ">",
                                        reader.getLocation());
                            }
                            sawRoot = true;
                        }
                        if (isBoundary(name)) {
                            out.append(' ');
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (isBoundary(reader.getLocalName().toLowerCase(Locale.ROOT))) {
                            out.append(' ');
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                            out.append(reader.getText());
                    default -> {
                        // comments and processing instructions are not read to anyone
                    }
                }
            }
        } finally {
            reader.close();
        }
        if (!sawRoot) {
            throw new RootProblem("the document has no <speak> root element", null);
        }
        return collapse(out.toString());
    }

    /** Elements that separate words even when the author wrote no space around them. */
    private static boolean isBoundary(String name) {
        return switch (name) {
            case "break", "p", "s", "speak" -> true;
            default -> false;
        };
    }

    private static String collapse(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00A0') {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String describe(XMLStreamException e) {
        if (e instanceof RootProblem root) {
            return root.reason;
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("DOCTYPE") || message.contains("ntity")) {
            return "DOCTYPE declarations and entities are not allowed in SSML";
        }
        return "SSML is not well-formed XML";
    }

    /** A document that parses but is not SSML; its reason is ours, safe to show to the author. */
    private static final class RootProblem extends XMLStreamException {
        private final String reason;

        RootProblem(String reason, javax.xml.stream.Location location) {
            super(reason, location);
            this.reason = reason;
        }
    }
}
