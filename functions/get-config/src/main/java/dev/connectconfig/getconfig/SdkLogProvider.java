package dev.connectconfig.getconfig;

import java.util.Map;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Where the AWS SDK's own SLF4J warnings and errors go in GetConfig: the same JSON log lines as GetConfig's, as the
 * Log4j configuration of the other functions does (below WARN is dropped).
 */
public final class SdkLogProvider implements SLF4JServiceProvider {

    private static final StructuredLog.Invocation OUTSIDE_A_CALL = new StructuredLog.Invocation(null, false);

    private ILoggerFactory loggers;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        StructuredLog log = StructuredLog.fromEnvironment();
        loggers = name -> new WarningsOnly(name, log);
    }

    private static final class WarningsOnly extends LegacyAbstractLogger {

        private final transient StructuredLog log;

        WarningsOnly(String name, StructuredLog log) {
            this.name = name;
            this.log = log;
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public boolean isInfoEnabled() {
            return false;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                Throwable failure) {
            String message = MessageFormatter.basicArrayFormat(pattern, arguments);
            if (level == Level.ERROR) {
                log.error(OUTSIDE_A_CALL, message, failure);
            } else {
                log.warn(OUTSIDE_A_CALL, message, Map.of("logger", name));
            }
        }
    }
}
