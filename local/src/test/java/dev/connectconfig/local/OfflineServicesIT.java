package dev.connectconfig.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.connectconfig.shared.aws.AwsClients;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaException;
import software.amazon.awssdk.services.polly.PollyClient;
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
        assumeTrue(engine.isPresent(), "espeak-ng is not installed (apt-get install espeak-ng lame): skipping the"
                + " local Polly checks");
        return engine.get();
    }

    @Test
    void pollySpeaksThroughTheLocalEngine() {
        SpeechEngine engine = speechEngine();
        try (PollyEndpoint endpoint = new PollyEndpoint(engine, 0);
             PollyClient polly = AwsClients.build(PollyClient.builder(), AwsClients.Timeouts.BACKGROUND,
                     URI.create(endpoint.url()))) {
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
            assertEquals(2, endpoint.syntheses());

            if (engine.encodesMp3()) {
                byte[] mp3 = polly.synthesizeSpeechAsBytes(request -> request.voiceId("Lupe")
                        .outputFormat(OutputFormat.MP3).text("Gracias por llamar.")).asByteArray();
                boolean id3 = mp3[0] == 'I' && mp3[1] == 'D' && mp3[2] == '3';
                boolean frame = (mp3[0] & 0xff) == 0xff && (mp3[1] & 0xe0) == 0xe0;
                assertTrue(id3 || frame, "an MP3 stream");
            }
        }
    }

    @Test
    void pollyRefusesWhatTheLocalEngineCannotDo() {
        SpeechEngine engine = speechEngine();
        try (PollyEndpoint endpoint = new PollyEndpoint(engine, 0);
             PollyClient polly = AwsClients.build(PollyClient.builder(), AwsClients.Timeouts.BACKGROUND,
                     URI.create(endpoint.url()))) {
            PollyException voice = assertThrows(PollyException.class, () -> polly.synthesizeSpeechAsBytes(
                    request -> request.voiceId("Zhiyu").outputFormat(OutputFormat.PCM).text("hello")));
            assertEquals(400, voice.statusCode());
            assertTrue(voice.getMessage().contains("VoiceId Zhiyu has no local voice"), voice.getMessage());
            PollyException marks = assertThrows(PollyException.class, () -> polly.synthesizeSpeechAsBytes(
                    request -> request.voiceId("Joanna").outputFormat(OutputFormat.JSON).text("hello")));
            assertTrue(marks.getMessage().contains("not 'json'"), marks.getMessage());
            assertEquals(0, endpoint.syntheses());
        }
    }
}
