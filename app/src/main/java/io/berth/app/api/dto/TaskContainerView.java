package io.berth.app.api.dto;

import java.util.List;

public record TaskContainerView(String name, String dockerId, String lastStatus, Integer exitCode, String reason,
                                String health, List<HostPortView> hostPorts) {
}
