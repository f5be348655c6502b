package dev.connectconfig.previewspeech;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectconfig.core.store.DynamoDbFlowConfigStore;
import dev.connectconfig.engines.CedarFlowConfigAuthorizer;
import dev.connectconfig.engines.DynamoDbLocal;
import org.junit.jupiter.api.Test;

/** SnapStart priming runs the real call path (claims, Cedar, DynamoDB Local) once and never asks Polly to speak. */
class PrimingIT {

    @Test
    void primingReachesTheStoreAndTheAuthorizerButNeverPolly() throws Exception {
        try (DynamoDbLocal dynamoDb = DynamoDbLocal.start()) {
            FakePolly polly = new FakePolly();
            CedarFlowConfigAuthorizer cedar = new CedarFlowConfigAuthorizer();
            PreviewSpeechHandler handler = new PreviewSpeechHandler(new PreviewSpeechService(
                    new DynamoDbFlowConfigStore(dynamoDb.client(), DynamoDbLocal.FLOW_CONFIG_TABLE), cedar,
                    new PollySpeechSynthesizer(polly), DefaultVoices.parse("en-US=Joanna")), "*");

            int status = Priming.prime(handler);

            assertEquals(404, status, "the priming caller may read its own id, which no config has");
            assertEquals(1, cedar.decisions(), "the authorisation decision ran");
            assertEquals(0, polly.synthesizeRequests.size(), "nothing was spoken, so nothing was billed");
        }
    }
}
