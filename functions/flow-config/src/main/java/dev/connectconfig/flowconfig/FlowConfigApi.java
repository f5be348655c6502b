package dev.connectconfig.flowconfig;

/** The FlowConfig API's parts, built once by {@link FlowConfigFactory}; the routes call each directly. */
record FlowConfigApi(FlowConfigService service, ConfigCatalog catalog, ConfigTransfer transfer, ConfigPreview preview,
        EmergencySwitch emergency, ScheduleTimeline timeline, CalendarService calendars) {
}
