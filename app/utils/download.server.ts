// A file download: the body with its type and a file name, cacheable for a few minutes
// (the data changes when brokers publish, not by the second).
export function downloadResponse(body: string, options: { type: "text/csv" | "application/json"; filename: string }): Response {
  return new Response(body, {
    headers: {
      "Content-Type": `${options.type}; charset=utf-8`,
      "Content-Disposition": `attachment; filename="${options.filename}"`,
      "Cache-Control": "public, max-age=300",
      // The downloads are open data: any site may fetch them.
      "Access-Control-Allow-Origin": "*",
    },
  });
}
