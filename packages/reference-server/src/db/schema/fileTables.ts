/** An uploaded file: its metadata; the bytes live in the file store under `id`. */
export interface FilesTable {
  /** UUIDv7, so ordering by id is ordering by upload time. */
  id: string;
  owner_id: string;
  /** The conversation named at upload, whose members may download it; null when none. */
  conversation_id: string | null;
  /** The sanitized file name from the upload (1-255 characters). */
  name: string;
  /** Bytes. */
  size: number;
  /** Sniffed from the bytes at upload. */
  content_type: string;
  file_type: 'image' | 'audio' | 'video' | 'document' | 'other';
  /** Strong validator: a quoted SHA-256 of the content. */
  etag: string;
  /**
   * The origin (`https://host:port`) the upload was made through: the base of the download URL
   * written into messages that send the file.
   */
  origin: string;
  /** 1 once published (an avatar): every signed-in user may read it, and it never expires. */
  is_public: number;
  created_at: string;
  /** When an unsent upload is purged; null once sent in a message (kept until deleted). */
  expires_at: string | null;
  /** When the owner deleted it (content removed, row kept for the messages that name it). */
  deleted_at: string | null;
}

/** A conversation a file was sent in: its members may download the file. */
export interface FileConversationsTable {
  file_id: string;
  conversation_id: string;
  /** When it was first sent there. */
  created_at: string;
}

/** Tables of uploaded files and where they were sent (migration `006_files`). */
export interface FileTables {
  files: FilesTable;
  file_conversations: FileConversationsTable;
}
