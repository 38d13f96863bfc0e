// The API documentation page: Swagger UI over the site's own OpenAPI document (api/docs.html).
// A file rather than an inline script, so that the page runs under the site's CSP.
window.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.ui = window.SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    domNode: root,
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    supportedSubmitMethods: ["get"],
    defaultModelsExpandDepth: 0,
  });
});
