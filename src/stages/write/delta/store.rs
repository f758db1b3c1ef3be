//! Where a Delta dataset lives: a local directory or object storage (S3,
//! Google Cloud Storage, Azure), how files get there and back, and the
//! runtime delta-rs and object_store run on.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Once};

use anyhow::{Context, Result};
use deltalake_core::logstore::object_store::path::Path as StorePath;
use deltalake_core::logstore::object_store::{ObjectStore, ObjectStoreExt, WriteMultipart};
use deltalake_core::logstore::{
    LogStore, LogStoreFactory, ObjectStoreFactory, ObjectStoreRef, StorageConfig, default_logstore,
    logstore_factories, object_store_factories,
};
use deltalake_core::{DeltaResult, DeltaTableBuilder};
use tokio::io::AsyncReadExt;
use url::Url;

use super::DeltaTarget;

/// `Some(url)` for object storage, `None` for a local directory.
pub fn remote_url(place: &str) -> Result<Option<Url>, String> {
    let Some((scheme, _)) = place.split_once("://") else {
        return Ok(None);
    };
    match scheme {
        "s3" | "s3a" | "gs" | "az" | "abfs" | "abfss" => {
            let mut url = Url::parse(place).map_err(|e| format!("{place:?} is not a URL: {e}"))?;
            // A directory: the tables are under it, not beside it.
            if !url.path().ends_with('/') {
                url.set_path(&format!("{}/", url.path()));
            }
            if url.host_str().is_none_or(str::is_empty) {
                return Err(format!("{place:?} names no bucket"));
            }
            Ok(Some(url))
        }
        _ => Err(format!(
            "{place:?}: the output is a local directory or s3://, gs://, az:// object storage"
        )),
    }
}

/// The `file://` URL of a local output directory.
pub fn local_url(dir: &Path) -> Option<Url> {
    let absolute = std::path::absolute(dir).ok()?;
    Url::from_directory_path(absolute).ok()
}

/// The local directory a run into object storage works in (staging, the
/// lock, the incremental cache), named after the URL.
pub fn work_dir(url: &Url) -> PathBuf {
    let name: String = format!("{}{}", url.host_str().unwrap_or(""), url.path())
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    std::env::temp_dir()
        .join("council-etl")
        .join(format!("{}-{name}", url.scheme()))
}

/// A runtime for delta-rs and object storage, on the calling thread.
pub(super) fn runtime() -> Result<tokio::runtime::Runtime> {
    register_object_stores();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the I/O runtime")
}

/// A file under the dataset's root; `None` if there is none.
pub fn fetch(target: &DeltaTarget, file: &str) -> Result<Option<Vec<u8>>> {
    runtime()?.block_on(async {
        let (store, root) = store_at(&target.url)?;
        let path = StorePath::from(format!("{root}/{file}").trim_start_matches('/'));
        match store.get(&path).await {
            Ok(found) => Ok(Some(found.bytes().await?.to_vec())),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e).with_context(|| format!("cannot read {file} in {}", target.url)),
        }
    })
}

/// An object under a directory of the dataset.
pub(super) struct Listed {
    /// Its path under the directory.
    pub name: String,
    pub bytes: u64,
    /// What changes when it is written again (ETag, else the time).
    pub version: String,
}

/// Every object under `dir` (a path under the dataset's root), by name.
pub(super) async fn list(url: &Url, dir: &str) -> Result<Vec<Listed>> {
    use futures::stream::TryStreamExt;
    let (store, root) = store_at(url)?;
    let prefix = StorePath::from(format!("{root}/{dir}").trim_start_matches('/'));
    let mut found: Vec<Listed> = store
        .list(Some(&prefix))
        .map_ok(|meta| Listed {
            name: (meta.location.prefix_match(&prefix))
                .map(|parts| {
                    parts
                        .map(|p| p.as_ref().to_string())
                        .collect::<Vec<_>>()
                        .join("/")
                })
                .unwrap_or_default(),
            bytes: meta.size,
            version: (meta.e_tag.clone()).unwrap_or_else(|| meta.last_modified.to_rfc3339()),
        })
        .try_collect()
        .await
        .with_context(|| format!("cannot list {dir} in {url}"))?;
    found.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(found)
}

/// Writes a small file under the dataset's root, whole.
pub(super) async fn put(url: &Url, file: &str, bytes: Vec<u8>) -> Result<()> {
    let (store, root) = store_at(url)?;
    let path = StorePath::from(format!("{root}/{file}").trim_start_matches('/'));
    store
        .put(&path, bytes.into())
        .await
        .with_context(|| format!("cannot write {file} to {url}"))?;
    Ok(())
}

/// Copies a local file to `to`, in parts (large files never sit in memory
/// whole); returns its size. Into a local dataset (`local`: the same place
/// as a path), the staged file is moved instead where it can be: a rename
/// on one file system, not a copy of every byte.
pub(super) async fn upload(
    store: &dyn ObjectStore,
    from: &Path,
    to: &StorePath,
    local: Option<PathBuf>,
) -> Result<u64> {
    if let Some(local) = local {
        if let Some(dir) = local.parent() {
            tokio::fs::create_dir_all(dir).await?;
        }
        if tokio::fs::rename(from, &local).await.is_ok() {
            return Ok(tokio::fs::metadata(&local).await?.len());
        }
    }
    // S3's smallest multipart part.
    const PART: usize = 5 << 20;
    let mut file = tokio::fs::File::open(from)
        .await
        .with_context(|| format!("cannot open {}", from.display()))?;
    let upload = store.put_multipart(to).await?;
    let mut parts = WriteMultipart::new_with_chunk_size(upload, PART);
    let mut buffer = vec![0; 1 << 20];
    let mut size = 0;
    loop {
        let read = file.read(&mut buffer).await?;
        if read == 0 {
            break;
        }
        parts.wait_for_capacity(1).await?;
        parts.write(&buffer[..read]);
        size += read as u64;
    }
    parts.finish().await?;
    Ok(size)
}

/// The object store holding `url`, and the path of `url` in it.
pub(super) fn store_at(url: &Url) -> Result<(ObjectStoreRef, String)> {
    let builder = DeltaTableBuilder::from_url(url.clone())?;
    let store = builder.build_storage()?.root_object_store(None);
    Ok((store, url.path().trim_matches('/').to_string()))
}

/// Object storage for delta-rs: S3, Google Cloud Storage and Azure, each
/// configured from its usual environment variables (`AWS_*`, `GOOGLE_*`,
/// `AZURE_*`), with delta-rs's default log store (commits by conditional
/// put).
fn register_object_stores() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for scheme in ["s3", "s3a", "gs", "az", "abfs", "abfss"] {
            let url = Url::parse(&format!("{scheme}://")).expect("a scheme URL");
            object_store_factories().insert(url.clone(), Arc::new(Cloud));
            logstore_factories().insert(url, Arc::new(Cloud));
        }
    });
}

struct Cloud;

impl ObjectStoreFactory for Cloud {
    fn parse_url_opts(
        &self,
        url: &Url,
        _config: &StorageConfig,
    ) -> DeltaResult<(ObjectStoreRef, StorePath)> {
        use object_store::aws::AmazonS3Builder;
        use object_store::azure::MicrosoftAzureBuilder;
        use object_store::gcp::GoogleCloudStorageBuilder;
        let store: ObjectStoreRef = match url.scheme() {
            "s3" | "s3a" => Arc::new(
                AmazonS3Builder::from_env()
                    .with_bucket_name(url.host_str().unwrap_or_default())
                    .build()?,
            ),
            "gs" => Arc::new(
                GoogleCloudStorageBuilder::from_env()
                    .with_url(url.as_str())
                    .build()?,
            ),
            _ => Arc::new(
                MicrosoftAzureBuilder::from_env()
                    .with_url(url.as_str())
                    .build()?,
            ),
        };
        let path = StorePath::from_url_path(url.path())?;
        Ok((store, path))
    }
}

impl LogStoreFactory for Cloud {
    fn with_options(
        &self,
        prefixed_store: ObjectStoreRef,
        root_store: ObjectStoreRef,
        location: &Url,
        options: &StorageConfig,
    ) -> DeltaResult<Arc<dyn LogStore>> {
        Ok(default_logstore(
            prefixed_store,
            root_store,
            location,
            options,
        ))
    }
}
