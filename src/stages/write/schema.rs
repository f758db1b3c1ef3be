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

// How the tables declare their columns: by type and nullability, with
// the storage that the type's values need.
pub(super) const fn col(name: &'static str, ty: Type, nullable: bool, doc: &'static str) -> Column {
    Column {
        name,
        ty,
        nullable,
        storage: Storage::Plain,
        doc,
    }
}
pub(super) const fn text(name: &'static str, doc: &'static str) -> Column {
    col(name, Type::Text, false, doc)
}
pub(super) const fn opt_text(name: &'static str, doc: &'static str) -> Column {
    col(name, Type::Text, true, doc)
}
pub(super) const fn long_text(name: &'static str, doc: &'static str) -> Column {
    Column {
        storage: Storage::LongText,
        ..text(name, doc)
    }
}
pub(super) const fn opt_long_text(name: &'static str, doc: &'static str) -> Column {
    Column {
        storage: Storage::LongText,
        ..opt_text(name, doc)
    }
}
pub(super) const fn id(name: &'static str, doc: &'static str) -> Column {
    Column {
        storage: Storage::Id,
        ..text(name, doc)
    }
}
pub(super) const fn opt_id(name: &'static str, doc: &'static str) -> Column {
    Column {
        storage: Storage::Id,
        ..opt_text(name, doc)
    }
}
pub(super) const fn int(name: &'static str, doc: &'static str) -> Column {
    col(name, Type::Int32, false, doc)
}
pub(super) const fn opt_int(name: &'static str, doc: &'static str) -> Column {
    col(name, Type::Int32, true, doc)
}
pub(super) const fn opt_big(name: &'static str, doc: &'static str) -> Column {
    col(name, Type::Int64, true, doc)
}
pub(super) const fn big(name: &'static str, doc: &'static str) -> Column {
    col(name, Type::Int64, false, doc)
}
pub(super) const fn boolean(name: &'static str, doc: &'static str) -> Column {
    col(name, Type::Bool, false, doc)
}
pub(super) const fn opt_bool(name: &'static str, doc: &'static str) -> Column {
    col(name, Type::Bool, true, doc)
}
pub(super) const fn opt_date(name: &'static str, doc: &'static str) -> Column {
    col(name, Type::Date, true, doc)
}
pub(super) const fn float(name: &'static str, doc: &'static str) -> Column {
    col(name, Type::Float64, false, doc)
}
