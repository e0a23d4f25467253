/**
 * Kinesis Video Streams clients: the producer SDK, GetMedia/fragment readers and HLS/DASH/clip/
 * image playback. Every media API is called at the endpoint GetDataEndpoint returns for it (KVS
 * API reference, GetDataEndpoint APIName); Kinesis Video Streams encrypts and decrypts with the
 * caller's KMS permissions, through kinesisvideo (KVS guide "how-kms").
 */
import { arns, keyUse, perStream, type Kind, type ModelledParty, type RuntimeCall } from "./calls";

const PRODUCER_C = "amazon-kinesis-video-streams-producer-c v1.6.4 src/source/CurlApiCallbacks.c (used by producer-sdk-cpp v3.6.0)";
const PARSER = "amazon-kinesis-video-streams-parser-library src/main/java/com/amazonaws/kinesisvideo/parser/examples";
const ARCHIVED = "KVS archived-media API reference";

function call(party: ModelledParty, stream: string, action: string, step: string, source: string, mode = "default"): RuntimeCall {
  return { action: `kinesisvideo:${action}`, resource: arns.videoStream(party.owner, stream), step, source, mode };
}

/** GetDataEndpoint for one API, then the API itself. */
function atEndpoint(party: ModelledParty, stream: string, api: string, apiName: string, step: string, source: string, mode = "default"): RuntimeCall[] {
  return [
    call(party, stream, "GetDataEndpoint", `finds the endpoint for ${api} (APIName ${apiName})`, source, mode),
    call(party, stream, api, step, source, mode),
  ];
}

const decrypt = (party: ModelledParty, stream: string, source: string): RuntimeCall[] =>
  keyUse(party, stream, "kms:Decrypt", "kinesisvideo", "Kinesis Video Streams decrypts the media it returns", source);

/** The KVS producer SDK (C++ SDK over producer-c) streaming to a stream kgen created. */
export const VIDEO_PRODUCER: Kind = {
  model: {
    client: "Kinesis Video Streams producer SDK (C++ 3.6.0 over producer-c 1.6.4)",
    supported: [],
    unsupported: ["CreateStream when DescribeStream finds none: Terraform creates the stream", "stream tags from the SDK (TagStream)"],
  },
  calls: (party) =>
    perStream(party, (stream) => [
      call(party, stream, "DescribeStream", "checks the stream exists (/describeStream, by name)", `${PRODUCER_C} describeStreamCurl()`),
      ...atEndpoint(party, stream, "PutMedia", "PUT_MEDIA", "streams media (/putMedia)", `${PRODUCER_C} getStreamingEndpointCurl(), putStreamCurl()`),
      ...keyUse(party, stream, "kms:GenerateDataKey", "kinesisvideo", "Kinesis Video Streams encrypts the media it stores", "KVS guide \"how-kms\""),
    ]),
};

/** A GetMedia and fragment reader, as the KVS parser library's workers read (`via: media`). */
export const VIDEO_MEDIA: Kind = {
  model: {
    client: "the KVS stream parser library's workers (GetMediaWorker, ListFragmentWorker, GetMediaForFragmentListWorker)",
    supported: [],
    unsupported: ["HLS/DASH playback, clips and images: use via: playback"],
  },
  calls: (party) =>
    perStream(party, (stream) => [
      ...atEndpoint(party, stream, "GetMedia", "GET_MEDIA", "reads live media", `${PARSER}/GetMediaWorker.java create(), run()`),
      ...atEndpoint(party, stream, "ListFragments", "LIST_FRAGMENTS", "lists archived fragments", `${PARSER}/ListFragmentWorker.java`),
      ...atEndpoint(party, stream, "GetMediaForFragmentList", "GET_MEDIA_FOR_FRAGMENT_LIST", "reads archived fragments", `${PARSER}/GetMediaForFragmentListWorker.java`),
      ...decrypt(party, stream, "KVS guide \"how-kms\""),
    ]),
};

/** HLS, DASH, clips and images (`via: playback`), as the KVS developer guide plays a stream back. */
export const VIDEO_PLAYBACK: Kind = {
  model: {
    client: "an HLS/DASH player and archived-media client, as the KVS developer guide plays streams back",
    supported: [],
    unsupported: ["GetMedia: use via: media"],
  },
  calls: (party) =>
    perStream(party, (stream) => [
      ...atEndpoint(party, stream, "GetHLSStreamingSessionURL", "GET_HLS_STREAMING_SESSION_URL", "opens an HLS session", "KVS guide \"how-hls\""),
      ...atEndpoint(party, stream, "GetDASHStreamingSessionURL", "GET_DASH_STREAMING_SESSION_URL", "opens a DASH session", "KVS guide \"how-dash\""),
      ...atEndpoint(party, stream, "GetClip", "GET_CLIP", "downloads a clip", `${ARCHIVED}, GetClip`),
      ...atEndpoint(party, stream, "GetImages", "GET_IMAGES", "reads images", `${ARCHIVED}, GetImages`),
      ...atEndpoint(party, stream, "ListFragments", "LIST_FRAGMENTS", "finds the fragments of a time range", `${ARCHIVED}, ListFragments`),
      ...decrypt(party, stream, "KVS guide \"how-kms\""),
    ]),
};
