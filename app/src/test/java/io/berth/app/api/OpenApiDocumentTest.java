package io.berth.app.api;

import org.junit.jupiter.api.Test;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class OpenApiDocumentTest extends ApiTestSupport {

    @Test
    void documentsTheEndpointsAndTheBearerScheme() throws Exception {
        mvc.perform(get("/v3/api-docs").header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/v1/apply'].post").exists())
                .andExpect(jsonPath("$.paths['/v1/clusters'].get").exists())
                .andExpect(jsonPath("$.paths['/v1/clusters/{cluster}/container-instances'].get").exists())
                .andExpect(jsonPath("$.paths['/v1/clusters/{cluster}/services/{name}'].delete").exists())
                .andExpect(jsonPath("$.paths['/v1/clusters/{cluster}/tasks/{id}'].get").exists())
                .andExpect(jsonPath("$.paths['/v1/task-definitions'].get").exists())
                .andExpect(jsonPath("$.paths['/v1/clusters/{cluster}/target-groups/{name}'].delete").exists())
                .andExpect(jsonPath("$.paths['/v1/clusters/{cluster}/load-balancers'].get").exists())
                .andExpect(jsonPath("$.paths['/v1/clusters/{cluster}/services/{name}/endpoints'].get").exists())
                .andExpect(jsonPath("$.components.securitySchemes.bearer.scheme").value("bearer"))
                .andExpect(jsonPath("$.components.schemas.ServiceView").exists());
    }
}
