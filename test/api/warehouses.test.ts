// The warehouse list (GET /api/warehouses): staff read it (the Inbound screen's receiving-warehouse
// picker), ordered by code; buyers do not.
import { describe, expect, it } from "vitest";
import { apiSuite } from "../support/app.ts";
import { signIn } from "../support/http.ts";

const suite = apiSuite();

describe("GET /api/warehouses", () => {
  it("gives staff every warehouse, by code, with its id, code, name, city and region", async () => {
    const desk = await signIn(suite.app, "order_desk@staff.test");
    const response = await suite.app.inject({ url: "/api/warehouses", headers: desk.headers });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      warehouses: [
        { id: suite.fx.warehouses.east, code: "EAST", name: "EAST DC", city: "City", region: "ST" },
        { id: suite.fx.warehouses.west, code: "WEST", name: "WEST DC", city: "City", region: "ST" },
      ],
    });
  });

  it("orders by code, not by when a warehouse was added", async () => {
    const { rows } = await suite.db.pool.query(
      `insert into warehouses (code, name, line1, city, region, postal_code, latitude, longitude)
       values ('CENTRAL', 'Central DC', '2 Dock Rd', 'Columbus', 'OH', '43004', 39.96, -82.99) returning id`,
    );
    const warehouse = await signIn(suite.app, "warehouse@staff.test");
    const response = await suite.app.inject({ url: "/api/warehouses", headers: warehouse.headers });
    expect(response.statusCode, response.body).toBe(200);
    const list = response.json().warehouses;
    expect(list.map((w: { code: string }) => w.code)).toEqual(["CENTRAL", "EAST", "WEST"]);
    expect(list[0]).toEqual({
      id: rows[0].id,
      code: "CENTRAL",
      name: "Central DC",
      city: "Columbus",
      region: "OH",
    });
  });

  it("refuses a buyer", async () => {
    const buyer = await signIn(suite.app, "buyer@a.test");
    const response = await suite.app.inject({ url: "/api/warehouses", headers: buyer.headers });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("FORBIDDEN");
  });
});
