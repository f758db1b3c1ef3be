//! CSV copies of the tables (`[write] csv = true`), for spreadsheet
//! users: RFC 4180 (CRLF line ends, a field quoted where it holds a comma,
//! a quote or a line break), UTF-8 without a byte-order mark, one header
//! row of column names, empty fields for nulls, dates as `YYYY-MM-DD`,
//! money as plain decimals. Each file is made from its finished Parquet
//! file a row group at a time, so memory stays bounded and the two always
//! hold the same rows in the same order.

use std::fmt::Write as _;
use std::fs::File;
use std::path::Path;

use anyhow::{Context, Result};
use arrow_array::RecordBatchReader;
use arrow_cast::display::{ArrayFormatter, FormatOptions};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use super::hashed::{Checksum, Hashed};

/// Writes `csv` with the rows of the Parquet file `parquet`.
pub fn from_parquet(parquet: &Path, csv: &Path) -> Result<Checksum> {
    let name = csv.display();
    let input =
        File::open(parquet).with_context(|| format!("cannot open {}", parquet.display()))?;
    let reader = ParquetRecordBatchReaderBuilder::try_new(input)
        .and_then(|builder| builder.build())
        .with_context(|| format!("cannot read {} back", parquet.display()))?;
    let file = File::create(csv).with_context(|| format!("cannot create {name}"))?;
    let mut out = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Hashed::new(file));
    let schema = reader.schema();
    out.write_record(schema.fields().iter().map(|f| f.name()))
        .with_context(|| format!("cannot write {name}"))?;
    let options = FormatOptions::default().with_null("");
    let mut field = String::new();
    for batch in reader {
        let batch = batch.with_context(|| format!("cannot read {} back", parquet.display()))?;
        let columns: Vec<ArrayFormatter> = (batch.columns().iter())
            .map(|column| ArrayFormatter::try_new(column.as_ref(), &options))
            .collect::<Result<_, _>>()?;
        for row in 0..batch.num_rows() {
            for column in &columns {
                field.clear();
                write!(field, "{}", column.value(row))?;
                out.write_field(&field)
                    .with_context(|| format!("cannot write {name}"))?;
            }
            out.write_record(None::<&[u8]>)
                .with_context(|| format!("cannot write {name}"))?;
        }
    }
    let (file, checksum) = out
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(|| format!("cannot write {name}"))?
        .finish();
    file.sync_all()
        .with_context(|| format!("cannot write {name}"))?;
    Ok(checksum)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use arrow_array::{BooleanArray, Date32Array, Decimal128Array, RecordBatch, StringArray};
    use arrow_schema::{DataType, Field, Schema};
    use parquet::arrow::ArrowWriter;

    use super::*;

    #[test]
    fn rows_are_rfc_4180_with_nulls_empty_and_types_in_plain_form() {
        let dir = tempfile::tempdir().unwrap();
        let schema = Arc::new(Schema::new(vec![
            Field::new("text", DataType::Utf8, true),
            Field::new("day", DataType::Date32, true),
            Field::new("amount", DataType::Decimal128(18, 2), true),
            Field::new("flag", DataType::Boolean, true),
        ]));
        let batch = RecordBatch::try_new(
            schema.clone(),
            vec![
                Arc::new(StringArray::from(vec![Some("a, \"b\"\nc"), None])),
                Arc::new(Date32Array::from(vec![Some(19_000), None])),
                Arc::new(
                    Decimal128Array::from(vec![Some(410_000_000), None])
                        .with_precision_and_scale(18, 2)
                        .unwrap(),
                ),
                Arc::new(BooleanArray::from(vec![Some(true), None])),
            ],
        )
        .unwrap();
        let parquet = dir.path().join("t.parquet");
        let mut writer =
            ArrowWriter::try_new(File::create(&parquet).unwrap(), schema, None).unwrap();
        writer.write(&batch).unwrap();
        writer.close().unwrap();
        let csv = dir.path().join("t.csv");
        let checksum = from_parquet(&parquet, &csv).unwrap();
        let text = std::fs::read_to_string(&csv).unwrap();
        assert_eq!(
            text,
            "text,day,amount,flag\r\n\"a, \"\"b\"\"\nc\",2022-01-08,4100000.00,true\r\n,,,\r\n"
        );
        assert_eq!(checksum.bytes, text.len() as u64);
    }
}
