const http = require("http");

const dbHost = process.env.DB_HOST;
if (!dbHost) {
  console.error("DB_HOST is not set");
  process.exit(1);
}

http
  .createServer((req, res) => {
    if (req.url === "/health") {
      res.writeHead(200);
      return res.end("ok");
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ orders: [] }));
  })
  .listen(3000, () => console.log("orders-api listening on 3000"));
