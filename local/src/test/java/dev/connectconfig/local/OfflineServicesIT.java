package dev.connectconfig.local;

import dev.connectconfig.testing.RequiredTools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.aws.AwsClients;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaException;
import software.amazon.awssdk.services.polly.PollyClient;
import software.amazon.awssdk.services.polly.model.Engine;
import software.amazon.awssdk.services.polly.model.EngineNotSupportedException;
import software.amazon.awssdk.services.polly.model.InvalidSsmlException;
import software.amazon.awssdk.services.polly.model.OutputFormat;
import software.amazon.awssdk.services.polly.model.PollyException;
import software.amazon.awssdk.services.polly.model.SynthesizeSpeechResponse;
import software.amazon.awssdk.services.polly.model.TextType;

/** Services without an AWS engine here: Polly spoken by espeak-ng when installed, the others refused at once. */
class OfflineServicesIT {

    @Test
    void aServiceWithoutLocalEngineFailsAtOnceNamingIt() {
        List<String> console = new CopyOnWriteArrayList<>();
        try (NoLocalEngineEndpoint endpoint = new NoLocalEngineEndpoint(console::add);
             AthenaClient athena = AwsClients.build(AthenaClient.builder(), AwsClients.Timeouts.BACKGROUND,
                     URI.create(endpoint.url()))) {
            AthenaException e = assertThrows(AthenaException.class,
                    () -> athena.startQueryExecution(request -> request.queryString("SELECT 1")));
            assertEquals(501, e.statusCode());
            assertEquals(NoLocalEngineEndpoint.ERROR_CODE, e.awsErrorDetails().errorCode());
            assertTrue(e.getMessage().startsWith("Amazon Athena has no local engine in the local runner"
                    + " (StartQueryExecution)"), e.getMessage());
            assertEquals(1, e.numAttempts(), "not retried");
            assertEquals(1, console.size());
        }
    }

    private static SpeechEngine speechEngine() {
        Optional<SpeechEngine> engine = SpeechEngine.find();
        RequiredTools.require(engine.isPresent(), "espeak-ng is not installed (apt-get install espeak-ng lame vorbis-tools):"
                + " skipping the local Polly checks");
        return engine.get();
    }

    /** The Polly client a function builds, pointed at the local endpoint. */
    private static PollyClient pollyClient(PollyEndpoint endpoint) {
        return AwsClients.build(PollyClient.builder(), AwsClients.Timeouts.BACKGROUND, URI.create(endpoint.url()));
    }

    @Test
    void pollySpeaksThroughTheLocalEngine() {
        SpeechEngine engine = speechEngine();
        try (PollyEndpoint endpoint = new PollyEndpoint(engine, 0, line -> { });
             PollyClient polly = pollyClient(endpoint)) {
            assertEquals(List.of("Lupe", "Pedro"), polly.describeVoices(request -> request.languageCode("es-US"))
                    .voices().stream().map(voice -> voice.idAsString()).toList());

            ResponseBytes<SynthesizeSpeechResponse> pcm16 = polly.synthesizeSpeechAsBytes(request -> request
                    .voiceId("Joanna").outputFormat(OutputFormat.PCM).textType(TextType.SSML)
                    .text("<speak>Thank you for calling.<break time=\"300ms\"/>Goodbye.</speak>"));
            ResponseBytes<SynthesizeSpeechResponse> pcm8 = polly.synthesizeSpeechAsBytes(request -> request
                    .voiceId("Joanna").outputFormat(OutputFormat.PCM).sampleRate("8000").textType(TextType.SSML)
                    .text("<speak>Thank you for calling.<break time=\"300ms\"/>Goodbye.</speak>"));
            assertEquals("audio/pcm", pcm16.response().contentType());
            assertTrue(pcm16.asByteArray().length > 16000, "at least half a second of 16 kHz audio");
            double ratio = (double) pcm16.asByteArray().length / pcm8.asByteArray().length;
            assertTrue(Math.abs(ratio - 2.0) < 0.01, "16 kHz is twice 8 kHz: " + ratio);
            assertEquals(2, endpoint.outcome().count());
            assertEquals(PollyEndpoint.PREVIEW_MARK, endpoint.outcome().note());

            if (engine.formats().contains("mp3")) {
                byte[] mp3 = polly.synthesizeSpeechAsBytes(request -> request.voiceId("Lupe")
                        .outputFormat(OutputFormat.MP3).text("Gracias por llamar.")).asByteArray();
                assertTrue(AudioChecks.isMp3(mp3), "an MP3 stream");
            }
            if (engine.formats().contains("ogg_vorbis")) {
                ResponseBytes<SynthesizeSpeechResponse> ogg = polly.synthesizeSpeechAsBytes(request -> request
                        .voiceId("Amy").outputFormat(OutputFormat.OGG_VORBIS).text("Thank you for calling."));
                assertEquals("audio/ogg", ogg.response().contentType());
                assertTrue(AudioChecks.isOggVorbis(ogg.asByteArray()), "an Ogg Vorbis stream");
            }
        }
    }

    /** Each local voice names an espeak-ng voice that exists: every one speaks audibly in its own language. */
    @Test
    void everyLocalVoiceSpeaks() {
        SpeechEngine engine = speechEngine();
        try (PollyEndpoint endpoint = new PollyEndpoint(engine, 0, line -> { });
             PollyClient polly = pollyClient(endpoint)) {
            for (PollyEndpoint.Voice voice : PollyEndpoint.VOICES) {
                byte[] pcm = polly.synthesizeSpeechAsBytes(request -> request.voiceId(voice.id())
                        .languageCode(voice.languageCode()).outputFormat(OutputFormat.PCM)
                        .text(voice.languageCode().startsWith("cmn") ? "\u611f\u8c22\u60a8\u7684\u6765\u7535"
                                : voice.languageCode().equals("arb") ? "\u0634\u0643\u0631\u0627" : "Hello, 1 2 3"))
                        .asByteArray();
                assertTrue(AudioChecks.isAudiblePcm(pcm), voice.id() + " (" + voice.espeakVoice() + ") is silent");
            }
        }
    }

    @Test
    void pollyRefusesWhatTheLocalEngineCannotDoSayingWhy() {
        SpeechEngine engine = speechEngine();
        List<String> console = new CopyOnWriteArrayList<>();
        try (PollyEndpoint endpoint = new PollyEndpoint(engine, 0, console::add);
             PollyClient polly = pollyClient(endpoint)) {
            PollyException voice = assertThrows(PollyException.class, () -> polly.synthesizeSpeechAsBytes(
                    request -> request.voiceId("Takumi").outputFormat(OutputFormat.PCM).text("hello")));
            assertEquals(400, voice.statusCode());
            assertEquals("ValidationException", voice.awsErrorDetails().errorCode());
            assertTrue(voice.getMessage().contains("VoiceId Takumi has no local voice"), voice.getMessage());
            PollyException marks = assertThrows(PollyException.class, () -> polly.synthesizeSpeechAsBytes(
                    request -> request.voiceId("Joanna").outputFormat(OutputFormat.JSON).text("hello")));
            assertTrue(marks.getMessage().contains("OutputFormat json (speech marks) has no local engine"),
                    marks.getMessage());
            assertEquals(2, console.size());
            assertTrue(console.get(1).startsWith("Polly (local): refused: OutputFormat json"), console.get(1));
            assertTrue(endpoint.outcome().note().startsWith("refused: OutputFormat json"));
        }
    }

    @Test
    void neuralRefusesSsmlWithEmphasisAsPollyDoesAndStandardSpeaksIt() {
        SpeechEngine engine = speechEngine();
        String ssml = "<speak>Nuestra oficina está <emphasis>cerrada</emphasis> ahora.</speak>";
        try (PollyEndpoint endpoint = new PollyEndpoint(engine, 0, line -> { });
             PollyClient polly = pollyClient(endpoint)) {
            PollyException neural = assertThrows(PollyException.class, () -> polly.synthesizeSpeechAsBytes(
                    request -> request.voiceId("Lupe").engine(Engine.NEURAL).outputFormat(OutputFormat.PCM)
                            .textType(TextType.SSML).text(ssml)));
            assertTrue(neural instanceof InvalidSsmlException, neural.getClass().getName());
            assertTrue(neural.getMessage().contains("Unsupported Neural feature"), neural.getMessage());

            PollyException zeina = assertThrows(PollyException.class, () -> polly.synthesizeSpeechAsBytes(
                    request -> request.voiceId("Zeina").engine(Engine.NEURAL).outputFormat(OutputFormat.PCM)
                            .text("marhaban")));
            assertTrue(zeina instanceof EngineNotSupportedException, zeina.getClass().getName());

            assertTrue(polly.synthesizeSpeechAsBytes(request -> request.voiceId("Lupe").engine(Engine.STANDARD)
                    .outputFormat(OutputFormat.PCM).textType(TextType.SSML).text(ssml)).asByteArray().length > 0);
            assertTrue(polly.synthesizeSpeechAsBytes(request -> request.voiceId("Lupe").engine(Engine.NEURAL)
                    .outputFormat(OutputFormat.PCM).textType(TextType.SSML).text("<speak>Hola</speak>"))
                    .asByteArray().length > 0);
        }
    }
}
