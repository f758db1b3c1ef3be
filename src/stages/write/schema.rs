//! What a table declaration says: its columns (name, type, whether it may
//! be null, how Parquet stores it, what it means), its primary and foreign
//! keys, and what it holds. The declarations themselves are in
//! [`super::tables`]; the Arrow schemas, the row builders' checks,
//! `datapackage.json` and `docs/schema.md` are all made from them.

use std::sync::Arc;

use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};

/// A column's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    Text,
    Int32,
    Int64,
    Bool,
    Date,
    Time,
    /// Money: DECIMAL(18, 2).
    Decimal,
    /// A measure such as a confidence.
    Float64,
}

/// How Parquet stores a column beyond its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    Plain,
    /// Long free text: no dictionary encoding.
    LongText,
    /// A row identifier: no dictionary, a bloom filter for point look-ups.
    Id,
}

#[derive(Debug)]
pub struct Column {
    pub name: &'static str,
    pub ty: Type,
    pub nullable: bool,
    pub storage: Storage,
    pub doc: &'static str,
}

/// Columns that reference the same columns of another table.
#[derive(Debug)]
pub struct ForeignKey {
    pub columns: &'static [&'static str],
    pub table: &'static str,
}

#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    /// The kind of node its rows are in `dataset.jsonld` (its `@type`s
    /// are in [`super::vocabulary::TYPES`]); `None` for a table the graph
    /// does not hold (warnings; topics are a list on the item's node).
    pub node: Option<&'static str>,
    pub doc: &'static str,
    pub columns: &'static [Column],
    pub primary_key: &'static [&'static str],
    pub foreign_keys: &'static [ForeignKey],
}

impl Table {
    pub fn schema(&self) -> SchemaRef {
        let fields: Vec<Field> = self
            .columns
            .iter()
            .map(|c| Field::new(c.name, c.ty.data_type(), c.nullable))
            .collect();
        Arc::new(Schema::new(fields))
    }
}

impl Type {
    pub fn data_type(self) -> DataType {
        match self {
            Type::Text => DataType::Utf8,
            Type::Int32 => DataType::Int32,
            Type::Int64 => DataType::Int64,
            Type::Bool => DataType::Boolean,
            Type::Date => DataType::Date32,
            Type::Time => DataType::Time64(TimeUnit::Microsecond),
            Type::Decimal => DataType::Decimal128(18, 2),
            Type::Float64 => DataType::Float64,
        }
    }

    /// The Frictionless Table Schema field type.
    pub fn frictionless(self) -> &'static str {
        match self {
            Type::Text => "string",
            Type::Int32 | Type::Int64 => "integer",
            Type::Bool => "boolean",
            Type::Date => "date",
            Type::Time => "time",
            Type::Decimal | Type::Float64 => "number",
        }
    }

    /// The type as DuckDB shows it, for the docs.
    pub fn sql(self) -> &'static str {
        match self {
            Type::Text => "VARCHAR",
            Type::Int32 => "INTEGER",
            Type::Int64 => "BIGINT",
            Type::Bool => "BOOLEAN",
            Type::Date => "DATE",
            Type::Time => "TIME",
            Type::Decimal => "DECIMAL(18,2)",
            Type::Float64 => "DOUBLE",
        }
    }
}
