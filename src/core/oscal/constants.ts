/** Namespace for Tenken's own OSCAL props and parts (the `.invalid` TLD: a name, never fetched). */
export const TENKEN_OSCAL_NS = 'https://tenken.invalid/ns/oscal';

/**
 * Namespace UUID for Tenken's name-based (v5) UUIDs in OSCAL exports. Fixed forever: it was derived once as
 * uuidV5(RFC 4122 URL namespace 6ba7b811-9dad-11d1-80b4-00c04fd430c8, TENKEN_OSCAL_NS).
 */
export const TENKEN_NAMESPACE = '4cffb678-8bd5-56b6-90e8-7b2db576b3a2';

/** The OSCAL model version exports declare. */
export const EXPORT_OSCAL_VERSION = '1.1.3';
