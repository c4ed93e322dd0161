// Starts Swagger UI on /api/openapi.json (relative to the page, /api/docs, so any context
// path works). validatorUrl: null keeps it from sending the description to another host.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    validatorUrl: null
  });
});
