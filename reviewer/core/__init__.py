"""The Qt-free core: model, readers, extraction, storage, review and export."""
