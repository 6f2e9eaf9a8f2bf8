import { ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import { describe, expect, it } from "vitest";
import { relabelCatalogColumns, restoreCharColumns } from "./catalog-types";

// What node-postgres returns for the schema engine's catalog queries
// (rowMode "array"): a "char" column, a name[] column, and an ordinary one.
function catalogResult() {
  return {
    fields: [
      { name: "constraint_type", dataTypeID: 18 },
      { name: "columns", dataTypeID: 1003 },
      { name: "table_name", dataTypeID: 25 },
    ],
    rows: [["p", '{id,"Weird Name"}', "User"]],
  };
}

describe("catalog column types", () => {
  it("relabels columns adapter-pg cannot read as text, and parses name[] into a list", () => {
    const result = relabelCatalogColumns(catalogResult());
    expect(result.fields.map((f) => f.dataTypeID)).toEqual([25, 1009, 25]);
    expect(result.rows[0]).toEqual(["p", ["id", "Weird Name"], "User"]);
  });

  it("hands \"char\" columns to the engine as characters, which it reads as a Rust char", () => {
    const { rows } = relabelCatalogColumns(catalogResult());
    const resultSet = {
      columnNames: ["constraint_type", "columns", "table_name"],
      columnTypes: [ColumnTypeEnum.Text, ColumnTypeEnum.TextArray, ColumnTypeEnum.Text],
      rows,
    };
    expect(restoreCharColumns(resultSet).columnTypes).toEqual([
      ColumnTypeEnum.Character,
      ColumnTypeEnum.TextArray,
      ColumnTypeEnum.Text,
    ]);
  });

  it("leaves results without catalog types alone", () => {
    const rows = [["x"]];
    const resultSet = { columnNames: ["a"], columnTypes: [ColumnTypeEnum.Text], rows };
    relabelCatalogColumns({ fields: [{ name: "a", dataTypeID: 25 }], rows });
    expect(restoreCharColumns(resultSet).columnTypes).toEqual([ColumnTypeEnum.Text]);
  });
});
