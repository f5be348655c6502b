package dev.connectconfig.core.render;

import java.io.StringReader;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A StAX parser that refuses DTDs and external entities, for SSML written by users. A document with a DOCTYPE is an
 * error rather than something to resolve, so entity expansion and file or network reads cannot happen.
 */
public final class SecureXml {

    private static final XMLInputFactory FACTORY = createFactory();

    private SecureXml() {
    }

    /** A reader over {@code xml}; it throws {@link XMLStreamException} on a DOCTYPE or any malformed input. */
    public static XMLStreamReader reader(String xml) throws XMLStreamException {
        return new DoctypeRefusingReader(FACTORY.createXMLStreamReader(new StringReader(xml)));
    }

    private static XMLInputFactory createFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        // Polly and Connect accept <amazon:effect> without a namespace declaration, so prefixes are plain names.
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external entities are not allowed");
        });
        return factory;
    }

    private static final class DoctypeRefusingReader extends javax.xml.stream.util.StreamReaderDelegate {
        DoctypeRefusingReader(XMLStreamReader reader) {
            super(reader);
        }

        @Override
        public int next() throws XMLStreamException {
            int event = super.next();
            if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new XMLStreamException("DOCTYPE declarations and entity references are not allowed in SSML",
                        getLocation());
            }
            return event;
        }
    }
}
