<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>Canvas</name>
    <message>
        <source>Cannot connect: {0}</source>
        <translation>연결할 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>output: drag to an input to wire</source>
        <translation>출력: 입력으로 끌어다 놓아 연결하세요</translation>
    </message>
    <message>
        <source>input {0}</source>
        <translation>입력 {0}</translation>
    </message>
    <message>
        <source>refused: {0}</source>
        <translation>거부됨: {0}</translation>
    </message>
    <message>
        <source>OUT</source>
        <translation>출력</translation>
    </message>
</context>
<context>
    <name>CompareRuns</name>
    <message>
        <source>Run {0}</source>
        <translation>실행 {0}</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>Compare Runs</source>
        <translation>학습 실행 비교</translation>
    </message>
    <message>
        <source>Metric:</source>
        <translation>지표:</translation>
    </message>
    <message>
        <source>This project has no training runs yet.</source>
        <translation>이 프로젝트에는 아직 학습 기록이 없습니다.</translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <source>Unknown activation; expected one of {names}. Received: activation={name!r}</source>
        <translation>알 수 없는 활성화 함수입니다. 다음 중 하나여야 합니다: {names}. 받은 값: activation={name!r}</translation>
    </message>
    <message>
        <source>{path} does not exist</source>
        <translation>{path} 파일이 없습니다</translation>
    </message>
    <message>
        <source>{path} is a folder, not a file</source>
        <translation>{path}은(는) 파일이 아니라 폴더입니다</translation>
    </message>
    <message>
        <source>{path} cannot be read ({error})</source>
        <translation>{path}을(를) 읽을 수 없습니다 ({error})</translation>
    </message>
    <message>
        <source>there is no node {node}</source>
        <translation>노드 {node}이(가) 없습니다</translation>
    </message>
    <message>
        <source>input {port} of node {node} has no wire</source>
        <translation>노드 {node}의 입력 {port}에 연결이 없습니다</translation>
    </message>
    <message>
        <source>there is no layer {name!r}</source>
        <translation>{name!r} 레이어가 없습니다</translation>
    </message>
    <message>
        <source>{where}: expected {expected}; found {found}</source>
        <translation>{where}: 기대한 것은 {expected}, 받은 값은 {found}입니다</translation>
    </message>
    <message>
        <source>the file holds {name}, which is not a JSON number</source>
        <translation>파일에 JSON 숫자가 아닌 {name}이(가) 있습니다</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>객체</translation>
    </message>
    <message>
        <source>text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>리스트</translation>
    </message>
    <message>
        <source>{where}: the field {key!r} is missing</source>
        <translation>{where}: {key!r} 필드가 없습니다</translation>
    </message>
    <message>
        <source>the file nests deeper than {depth} levels</source>
        <translation>파일의 중첩이 {depth}단계보다 깊습니다</translation>
    </message>
    <message>
        <source>{source} is not a Layerwire project (no &quot;format&quot;: &quot;layerwire&quot;)</source>
        <translation>{source}은(는) Layerwire 프로젝트가 아닙니다 (&quot;format&quot;: &quot;layerwire&quot;가 없습니다)</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>정수</translation>
    </message>
    <message>
        <source>{source} has format_version {version}; this Layerwire reads versions 1 to {newest}</source>
        <translation>{source}의 format_version은 {version}입니다. 이 Layerwire는 버전 1부터 {newest}까지 읽습니다</translation>
    </message>
    <message>
        <source>a list of objects</source>
        <translation>객체의 리스트</translation>
    </message>
    <message>
        <source>the model has more than {most} nodes or layers</source>
        <translation>모델의 노드나 레이어가 {most}개보다 많습니다</translation>
    </message>
    <message>
        <source>a layer type name</source>
        <translation>레이어 종류 이름</translation>
    </message>
    <message>
        <source>an object with dtype, shape and data</source>
        <translation>dtype, shape, data가 있는 객체</translation>
    </message>
    <message>
        <source>a list of sizes</source>
        <translation>크기의 리스트</translation>
    </message>
    <message>
        <source>base64 text</source>
        <translation>base64 텍스트</translation>
    </message>
    <message>
        <source>{where}: shape {shape} needs {size} bytes; the data holds a different size</source>
        <translation>{where}: 모양 {shape}에는 {size}바이트가 필요한데 데이터의 크기가 다릅니다</translation>
    </message>
    <message>
        <source>{source} is not a Layerwire project (not valid JSON: {error})</source>
        <translation>{source}은(는) Layerwire 프로젝트가 아닙니다 (올바른 JSON이 아닙니다: {error})</translation>
    </message>
    <message>
        <source>{source} nests deeper than {depth} levels</source>
        <translation>{source}의 중첩이 {depth}단계보다 깊습니다</translation>
    </message>
    <message>
        <source>{where}: {problem}</source>
        <translation>{where}: {problem}</translation>
    </message>
    <message>
        <source>{where}: the layer name {name!r} is used twice</source>
        <translation>{where}: 레이어 이름 {name!r}이(가) 두 번 쓰였습니다</translation>
    </message>
    <message>
        <source>a layer name</source>
        <translation>레이어 이름</translation>
    </message>
    <message>
        <source>model.layers: the layer {name!r} is called by no node</source>
        <translation>model.layers: {name!r} 레이어를 호출하는 노드가 없습니다</translation>
    </message>
    <message>
        <source>{where}.data is not valid base64</source>
        <translation>{where}.data가 올바른 base64가 아닙니다</translation>
    </message>
    <message>
        <source>{where}: there is no layer {name!r}</source>
        <translation>{where}: {name!r} 레이어가 없습니다</translation>
    </message>
    <message>
        <source>{path} is {mib:.0f} MiB; a project may be at most 1024 MiB</source>
        <translation>{path}의 크기는 {mib:.0f} MiB입니다. 프로젝트는 1024 MiB까지 가능합니다</translation>
    </message>
    <message>
        <source>{path} cannot be read (permission denied)</source>
        <translation>{path}을(를) 읽을 수 없습니다 (권한이 없습니다)</translation>
    </message>
    <message>
        <source>{where} ({layer}): {problem}</source>
        <translation>{where} ({layer}): {problem}</translation>
    </message>
    <message>
        <source>[x, y] numbers</source>
        <translation>[x, y] 숫자</translation>
    </message>
    <message>
        <source>a positive id used once</source>
        <translation>한 번만 쓰인 양수 id</translation>
    </message>
    <message>
        <source>a node id</source>
        <translation>노드 id</translation>
    </message>
    <message>
        <source>null or a list of node ids</source>
        <translation>null 또는 노드 id의 리스트</translation>
    </message>
    <message>
        <source>{where}: the layer needs weights {want}; the file holds {found}</source>
        <translation>{where}: 레이어에 필요한 가중치는 {want}인데 파일에는 {found}이(가) 있습니다</translation>
    </message>
    <message>
        <source>A layer name must be non-empty text without &apos;/&apos;. Received: {name!r}</source>
        <translation>레이어 이름은 &apos;/&apos;가 없고 비어 있지 않은 텍스트여야 합니다. 받은 값: {name!r}</translation>
    </message>
    <message>
        <source>{layer} is an {type} and takes no inputs</source>
        <translation>{layer}({type})은(는) 입력을 받지 않습니다</translation>
    </message>
    <message>
        <source>{layer} ({type}) takes {arity}; it has no input {port}</source>
        <translation>{layer}({type})은(는) 입력을 {arity} 받습니다. 입력 {port}은(는) 없습니다</translation>
    </message>
    <message>
        <source>input {port} of {layer} is already wired to {other}</source>
        <translation>{layer}의 입력 {port}은(는) 이미 {other}에 연결되어 있습니다</translation>
    </message>
    <message>
        <source>{layer} cannot feed itself: the wire would make a cycle</source>
        <translation>{layer}은(는) 자기 자신에게 연결할 수 없습니다: 연결하면 순환이 생깁니다</translation>
    </message>
    <message>
        <source>the wire would make a cycle: {path}</source>
        <translation>연결하면 순환이 생깁니다: {path}</translation>
    </message>
    <message>
        <source>node {node} exists already</source>
        <translation>노드 {node}이(가) 이미 있습니다</translation>
    </message>
    <message>
        <source>node {node} still has wires</source>
        <translation>노드 {node}에 아직 연결이 있습니다</translation>
    </message>
    <message>
        <source>node {node} is still marked as an output</source>
        <translation>노드 {node}이(가) 아직 출력으로 지정되어 있습니다</translation>
    </message>
    <message>
        <source>there is no wire {wire}</source>
        <translation>연결 {wire}이(가) 없습니다</translation>
    </message>
    <message>
        <source>a layer named {name!r} exists already</source>
        <translation>이름이 {name!r}인 레이어가 이미 있습니다</translation>
    </message>
    <message>
        <source>A model name must be non-empty text without &apos;/&apos;. Received: {name!r}</source>
        <translation>모델 이름은 &apos;/&apos;가 없고 비어 있지 않은 텍스트여야 합니다. 받은 값: {name!r}</translation>
    </message>
    <message>
        <source>the node must call the layer given with it</source>
        <translation>노드는 함께 주어진 레이어를 호출해야 합니다</translation>
    </message>
    <message>
        <source>a node can be marked as an output only once</source>
        <translation>한 노드는 출력으로 한 번만 지정할 수 있습니다</translation>
    </message>
    <message>
        <source>{layer} is an {type} and cannot be called twice</source>
        <translation>{layer}({type})은(는) 두 번 호출할 수 없습니다</translation>
    </message>
    <message>
        <source>{path} is not a model file Layerwire reads; expected {suffixes}, received {suffix!r}</source>
        <translation>{path}은(는) Layerwire가 읽는 모델 파일이 아닙니다. 읽는 확장자: {suffixes}, 받은 확장자: {suffix!r}</translation>
    </message>
    <message>
        <source>no extension</source>
        <translation>확장자 없음</translation>
    </message>
    <message>
        <source>Layerwire cannot export {format!r}; it exports {formats}</source>
        <translation>Layerwire는 {format!r} 형식으로 내보낼 수 없습니다. 내보낼 수 있는 형식: {formats}</translation>
    </message>
    <message>
        <source>{source}: expected a Functional or Sequential model; found a {cls!r}</source>
        <translation>{source}: Functional 또는 Sequential 모델이어야 하는데 {cls!r}입니다</translation>
    </message>
    <message>
        <source>{source}: expected a Keras model config with class_name and config; it has neither</source>
        <translation>{source}: class_name과 config가 있는 Keras 모델 설정이어야 하는데 둘 다 없습니다</translation>
    </message>
    <message>
        <source>{where}: the model uses the custom layer class {name!r}, which Layerwire does not have</source>
        <translation>{where}: 모델이 Layerwire에 없는 사용자 정의 레이어 클래스 {name!r}을(를) 씁니다</translation>
    </message>
    <message>
        <source>the model uses {cls} (layer {name!r}), which Layerwire does not have; it has {types}</source>
        <translation>모델이 Layerwire에 없는 {cls} 레이어({name!r})를 씁니다. Layerwire에 있는 레이어: {types}</translation>
    </message>
    <message>
        <source>{source}: the {cls} is a subclassed model without a layer graph; Layerwire reads Functional and Sequential models</source>
        <translation>{source}: 이 {cls}은(는) 레이어 그래프가 없는 서브클래싱 모델입니다. Layerwire는 Functional 모델과 Sequential 모델을 읽습니다</translation>
    </message>
    <message>
        <source>layer {name!r}: {problem}</source>
        <translation>레이어 {name!r}: {problem}</translation>
    </message>
    <message>
        <source>{where} is encrypted</source>
        <translation>{where}은(는) 암호화되어 있습니다</translation>
    </message>
    <message>
        <source>{where} is {mib:,.0f} MiB uncompressed; Layerwire reads at most {most} MiB</source>
        <translation>{where}은(는) 압축을 풀면 {mib:,.0f} MiB입니다. Layerwire는 {most} MiB까지 읽습니다</translation>
    </message>
    <message>
        <source>{where} claims {size:,} bytes from {compressed:,} compressed; refusing a likely zip bomb</source>
        <translation>{where}은(는) 압축된 {compressed:,}바이트가 {size:,}바이트로 풀린다고 합니다. zip 폭탄일 수 있어 거부합니다</translation>
    </message>
    <message>
        <source>{where} is truncated or larger than its header says</source>
        <translation>{where}은(는) 잘렸거나 헤더에 적힌 것보다 큽니다</translation>
    </message>
    <message>
        <source>{path}: {member}: expected a JSON object</source>
        <translation>{path}: {member}: JSON 객체여야 합니다</translation>
    </message>
    <message>
        <source>{where}: the JSON nests deeper than {depth} levels</source>
        <translation>{where}: JSON의 중첩이 {depth}단계보다 깊습니다</translation>
    </message>
    <message>
        <source>{where}: expected JSON; found text that is not ({error})</source>
        <translation>{where}: JSON이어야 하는데 JSON이 아닌 텍스트입니다 ({error})</translation>
    </message>
    <message>
        <source>{path} is {mib:,.0f} MiB; Layerwire reads at most {most} MiB</source>
        <translation>{path}의 크기는 {mib:,.0f} MiB입니다. Layerwire는 {most} MiB까지 읽습니다</translation>
    </message>
    <message>
        <source>{path} is not a readable .keras file (a damaged zip: {error})</source>
        <translation>{path}은(는) 읽을 수 있는 .keras 파일이 아닙니다 (손상된 zip: {error})</translation>
    </message>
    <message>
        <source>{path}: the zip holds {name} twice</source>
        <translation>{path}: zip에 {name}이(가) 두 번 들어 있습니다</translation>
    </message>
    <message>
        <source>{path} is not a Keras model: the zip has no {name}</source>
        <translation>{path}은(는) Keras 모델이 아닙니다: zip에 {name}이(가) 없습니다</translation>
    </message>
    <message>
        <source>{path}: the weights are stored as model.weights.npz; Layerwire reads model.weights.h5</source>
        <translation>{path}: 가중치가 model.weights.npz로 저장되어 있습니다. Layerwire는 model.weights.h5를 읽습니다</translation>
    </message>
    <message>
        <source>{type} needs an input of rank 2 or more; got {shape}</source>
        <translation>{type}에는 랭크가 2 이상인 입력이 필요합니다. 받은 모양: {shape}</translation>
    </message>
    <message>
        <source>{low} to {high} inputs</source>
        <translation>{low}~{high}개</translation>
    </message>
    <message>
        <source>{first} and {second}</source>
        <translation>{first} 및 {second}</translation>
    </message>
    <message>
        <source>{where} must be a tuple of 1 to {most} sizes. Received: {name}={value!r}</source>
        <translation>{where}은(는) 크기 1~{most}개로 된 튜플이어야 합니다. 받은 값: {name}={value!r}</translation>
    </message>
    <message>
        <source>{where} may hold at most one -1. Received: {name}={value!r}</source>
        <translation>{where}에는 -1이 하나까지만 올 수 있습니다. 받은 값: {name}={value!r}</translation>
    </message>
    <message>
        <source>at least {low} inputs</source>
        <translation>{low}개 이상</translation>
    </message>
    <message>
        <source>{layer} axis={axis} is outside an input of rank {rank}</source>
        <translation>{layer}의 axis={axis}이(가) 랭크 {rank}인 입력의 범위를 벗어납니다</translation>
    </message>
    <message>
        <source>Concatenate needs inputs of one rank; got {shapes}</source>
        <translation>Concatenate에는 랭크가 같은 입력이 필요합니다. 받은 모양: {shapes}</translation>
    </message>
    <message>
        <source>{low} and {high}</source>
        <translation>{low} 및 {high}</translation>
    </message>
    <message>
        <source>{where} must be {bounds}. Received: {name}={value!r}</source>
        <translation>{where}은(는) {bounds}이어야 합니다. 받은 값: {name}={value!r}</translation>
    </message>
    <message>
        <source>{where} must hold whole numbers. Received: {name}={value!r}</source>
        <translation>{where}에는 정수만 올 수 있습니다. 받은 값: {name}={value!r}</translation>
    </message>
    <message>
        <source>{where} sizes must be positive. Received: {name}={value!r}</source>
        <translation>{where}의 크기는 양수여야 합니다. 받은 값: {name}={value!r}</translation>
    </message>
    <message>
        <source>{type} needs {arity}; got {count}</source>
        <translation>{type}에는 입력이 {arity} 필요합니다. 받은 입력: {count}개</translation>
    </message>
    <message>
        <source>1 input</source>
        <translation>1개</translation>
    </message>
    <message>
        <source>{count} inputs</source>
        <translation>{count}개</translation>
    </message>
    <message>
        <source>Layerwire has no layer type {name!r}; it has {types}</source>
        <translation>Layerwire에는 {name!r} 레이어 종류가 없습니다. 있는 종류: {types}</translation>
    </message>
    <message>
        <source>{type} needs inputs of one shape; got {shapes}</source>
        <translation>{type}에는 모양이 같은 입력이 필요합니다. 받은 모양: {shapes}</translation>
    </message>
    <message>
        <source>Reshape cannot fit {shape} into target_shape={target}</source>
        <translation>Reshape는 {shape} 모양을 target_shape={target}에 맞출 수 없습니다</translation>
    </message>
    <message>
        <source>Reshape needs target_shape with {size} values to match {shape}; got target_shape={target} with {known}</source>
        <translation>Reshape의 target_shape는 {shape}에 맞게 값이 {size}개여야 합니다. 받은 값: target_shape={target} (값 {known}개)</translation>
    </message>
    <message>
        <source>Concatenate on axis={axis} needs inputs that match on every other axis; got {shapes}</source>
        <translation>axis={axis}로 Concatenate하려면 입력의 나머지 축이 모두 같아야 합니다. 받은 모양: {shapes}</translation>
    </message>
    <message>
        <source>{where} must be one of {choices}. Received: {name}={value!r}</source>
        <translation>{where}은(는) 다음 중 하나여야 합니다: {choices}. 받은 값: {name}={value!r}</translation>
    </message>
    <message>
        <source>{where} must be true or false. Received: {name}={value!r}</source>
        <translation>{where}은(는) true 또는 false여야 합니다. 받은 값: {name}={value!r}</translation>
    </message>
    <message>
        <source>{where} cannot be 0, the batch axis. Received: {name}={value!r}</source>
        <translation>{where}은(는) 배치 축인 0일 수 없습니다. 받은 값: {name}={value!r}</translation>
    </message>
    <message>
        <source>{where} must be {bounds}. Received: {name}={value!r} (its weights would take at least {tib:,.1f} TiB, 4 bytes per unit and input)</source>
        <translation>{where}은(는) {bounds}이어야 합니다. 받은 값: {name}={value!r} (가중치가 적어도 {tib:,.1f} TiB를 차지합니다. 유닛과 입력마다 4바이트)</translation>
    </message>
    <message>
        <source>{type} has no setting {name!r}; it has {fields}</source>
        <translation>{type}에는 {name!r} 설정이 없습니다. 있는 설정: {fields}</translation>
    </message>
    <message>
        <source>{type}: {problem}</source>
        <translation>{type}: {problem}</translation>
    </message>
    <message>
        <source>{where} must be a whole number. Received: {name}={value!r}</source>
        <translation>{where}은(는) 정수여야 합니다. 받은 값: {name}={value!r}</translation>
    </message>
    <message>
        <source>{where} must be a number. Received: {name}={value!r}</source>
        <translation>{where}은(는) 숫자여야 합니다. 받은 값: {name}={value!r}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>{head}, {tail}</source>
        <translation>{head}, {tail}</translation>
    </message>
    <message>
        <source>{head}; {tail}</source>
        <translation>{head}; {tail}</translation>
    </message>
    <message>
        <source>The model is not valid: {problems}</source>
        <translation>모델이 올바르지 않습니다: {problems}</translation>
    </message>
    <message>
        <source>The model&apos;s weights would take {size}; Layerwire allows at most {limit} (check the layer sizes)</source>
        <translation>모델의 가중치가 {size}를 차지합니다. Layerwire는 {limit}까지 허용합니다 (레이어 크기를 확인하세요)</translation>
    </message>
    <message>
        <source>The model is not valid: {problems} (and {more} more)</source>
        <translation>모델이 올바르지 않습니다: {problems} (외 {more}개)</translation>
    </message>
    <message>
        <source>{where} is not a readable .npy array ({error})</source>
        <translation>{where}은(는) 읽을 수 있는 .npy 배열이 아닙니다 ({error})</translation>
    </message>
    <message>
        <source>{where} is not a readable .npz archive ({error})</source>
        <translation>{where}은(는) 읽을 수 있는 .npz 아카이브가 아닙니다 ({error})</translation>
    </message>
    <message>
        <source>nothing is wired into it</source>
        <translation>연결된 입력이 없습니다</translation>
    </message>
    <message>
        <source>{count} wired</source>
        <translation>{count}개가 연결되어 있습니다</translation>
    </message>
    <message>
        <source>The model is empty; add an InputLayer</source>
        <translation>모델이 비어 있습니다. InputLayer를 추가하세요</translation>
    </message>
    <message>
        <source>{layer}: {type} needs {arity}; {have}</source>
        <translation>{layer}: {type}에는 입력이 {arity} 필요합니다. {have}</translation>
    </message>
    <message>
        <source>{layer}: a shared layer needs inputs that give it the same weights; this call gets {shapes}</source>
        <translation>{layer}: 공유 레이어는 같은 가중치가 나오는 입력을 받아야 합니다. 이 호출이 받은 모양: {shapes}</translation>
    </message>
    <message>
        <source>The model has no Input; add an InputLayer</source>
        <translation>모델에 입력이 없습니다. InputLayer를 추가하세요</translation>
    </message>
    <message>
        <source>The model has no output; every node feeds another</source>
        <translation>모델에 출력이 없습니다. 모든 노드가 다른 노드로 이어집니다</translation>
    </message>
    <message>
        <source>{layer}: this Input does not lead to any output</source>
        <translation>{layer}: 이 입력은 어떤 출력으로도 이어지지 않습니다</translation>
    </message>
    <message>
        <source>{layer}: {problem}</source>
        <translation>{layer}: {problem}</translation>
    </message>
    <message>
        <source>two interleaved spirals of 1.75 turns, 2 classes</source>
        <translation>서로 맞물려 1.75바퀴 감긴 나선 두 개, 클래스 2개</translation>
    </message>
    <message>
        <source>two interleaving half circles, 2 classes</source>
        <translation>서로 맞물린 반원 두 개, 클래스 2개</translation>
    </message>
    <message>
        <source>a circle inside another, 2 classes</source>
        <translation>다른 원 안에 든 원, 클래스 2개</translation>
    </message>
    <message>
        <source>points in the four quadrants, class = sign(x) xor sign(y), 2 classes</source>
        <translation>네 사분면의 점, 클래스 = sign(x) xor sign(y), 클래스 2개</translation>
    </message>
    <message>
        <source>three Gaussian blobs, 3 classes</source>
        <translation>가우스 분포 덩어리 세 개, 클래스 3개</translation>
    </message>
    <message>
        <source>y = sin(x) + noise for x in [-pi, pi], regression</source>
        <translation>[-pi, pi] 구간의 x에 대해 y = sin(x) + 잡음, 회귀</translation>
    </message>
    <message>
        <source>scikit-learn&apos;s 8x8 handwritten digits, 64 features in [0, 1], 10 classes</source>
        <translation>scikit-learn의 8x8 손글씨 숫자, [0, 1] 범위의 특성 64개, 클래스 10개</translation>
    </message>
    <message>
        <source>{name}: {about}</source>
        <translation>{name}: {about}</translation>
    </message>
    <message>
        <source>{name}: {about}, noise {noise:g}</source>
        <translation>{name}: {about}, 잡음 {noise:g}</translation>
    </message>
    <message>
        <source>{count} samples</source>
        <translation>샘플 {count}개</translation>
    </message>
    <message>
        <source>{about} ({details})</source>
        <translation>{about} ({details})</translation>
    </message>
    <message>
        <source>{name}: MNIST-style images</source>
        <translation>{name}: MNIST 형식의 이미지</translation>
    </message>
    <message>
        <source>input {name} {shape}</source>
        <translation>입력 {name} {shape}</translation>
    </message>
    <message>
        <source>target {name}: labels {low}..{high}</source>
        <translation>타깃 {name}: 레이블 {low}..{high}</translation>
    </message>
    <message>
        <source>target {name} {shape}</source>
        <translation>타깃 {name} {shape}</translation>
    </message>
</context>
<context>
    <name>Edits</name>
    <message>
        <source>Add {0}</source>
        <translation>{0} 추가</translation>
    </message>
    <message>
        <source>Insert {0}</source>
        <translation>{0} 끼워 넣기</translation>
    </message>
    <message>
        <source>Change {0} of {1}</source>
        <translation>{1}의 {0} 변경</translation>
    </message>
    <message>
        <source>Call layer again</source>
        <translation>레이어 다시 호출</translation>
    </message>
    <message>
        <source>Call {0} layers again</source>
        <translation>레이어 {0}개 다시 호출</translation>
    </message>
    <message>
        <source>Call {0} again</source>
        <translation>{0} 다시 호출</translation>
    </message>
    <message>
        <source>Delete node</source>
        <translation>노드 삭제</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Delete {0} nodes</source>
        <translation>노드 {0}개 삭제</translation>
    </message>
    <message>
        <source>Delete {0}</source>
        <translation>{0} 삭제</translation>
    </message>
    <message>
        <source>Cut {0} nodes</source>
        <translation>노드 {0}개 잘라내기</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>연결</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>연결 끊기</translation>
    </message>
    <message>
        <source>Disconnect {0} wires</source>
        <translation>연결 {0}개 끊기</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>이동</translation>
    </message>
    <message>
        <source>Move {0} nodes</source>
        <translation>노드 {0}개 이동</translation>
    </message>
    <message>
        <source>Auto-layout left to right</source>
        <translation>자동 배치: 왼쪽에서 오른쪽</translation>
    </message>
    <message>
        <source>Auto-layout top to bottom</source>
        <translation>자동 배치: 위에서 아래</translation>
    </message>
    <message>
        <source>Mark {0} as output</source>
        <translation>{0}을(를) 출력으로 지정</translation>
    </message>
    <message>
        <source>Unmark {0} as output</source>
        <translation>{0}의 출력 지정 해제</translation>
    </message>
    <message>
        <source>Set outputs</source>
        <translation>출력 지정</translation>
    </message>
    <message>
        <source>Rename layer</source>
        <translation>레이어 이름 바꾸기</translation>
    </message>
    <message>
        <source>Rename model</source>
        <translation>모델 이름 바꾸기</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>붙여넣기</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>복제</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>The details were written to {0}.</source>
        <translation>자세한 내용은 {0}에 기록했습니다.</translation>
    </message>
    <message>
        <source>Something went wrong in {0}: {1}</source>
        <translation>{0}에서 문제가 생겼습니다: {1}</translation>
    </message>
    <message>
        <source>Something went wrong: {0}</source>
        <translation>문제가 생겼습니다: {0}</translation>
    </message>
    <message>
        <source>Your work is still open; save it to be safe.</source>
        <translation>작업 내용은 그대로 열려 있습니다. 안전하게 저장해 두세요.</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>예기치 않은 오류</translation>
    </message>
</context>
<context>
    <name>FilesMenu</name>
    <message>
        <source>Layerwire and Keras models (*.lwire *.keras)</source>
        <extracomment>File-dialog filters, marked for lupdate (context FilesMenu); :func:`file_filter` translates them.</extracomment>
        <translation>Layerwire 및 Keras 모델 (*.lwire *.keras)</translation>
    </message>
    <message>
        <source>Layerwire projects (*.lwire)</source>
        <translation>Layerwire 프로젝트 (*.lwire)</translation>
    </message>
    <message>
        <source>Keras models (*.keras)</source>
        <translation>Keras 모델 (*.keras)</translation>
    </message>
    <message>
        <source>Keras models (*.keras *.json)</source>
        <translation>Keras 모델 (*.keras *.json)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG 이미지 (*.svg)</translation>
    </message>
    <message>
        <source>ONNX Model…</source>
        <extracomment>Formats in File → Export As, with their menu labels (the .keras export has its own action). The labels are marked for lupdate (context FilesMenu) and translated where the menu is made.</extracomment>
        <translation>ONNX 모델…</translation>
    </message>
    <message>
        <source>Keras Script and Weights…</source>
        <translation>Keras 스크립트와 가중치…</translation>
    </message>
    <message>
        <source>PyTorch Script and Weights…</source>
        <translation>PyTorch 스크립트와 가중치…</translation>
    </message>
    <message>
        <source>Weights (.npz)…</source>
        <translation>가중치(.npz)…</translation>
    </message>
    <message>
        <source>Summary (.txt)…</source>
        <translation>요약(.txt)…</translation>
    </message>
    <message>
        <source>Model Plot (PNG or SVG)…</source>
        <translation>모델 그림(PNG 또는 SVG)…</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX 모델 (*.onnx)</translation>
    </message>
    <message>
        <source>Python scripts (*.py)</source>
        <translation>Python 스크립트 (*.py)</translation>
    </message>
    <message>
        <source>NumPy archives (*.npz)</source>
        <translation>NumPy 아카이브 (*.npz)</translation>
    </message>
    <message>
        <source>Text (*.txt)</source>
        <translation>텍스트 (*.txt)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>새로 만들기(&amp;N)</translation>
    </message>
    <message>
        <source>Start a new model</source>
        <translation>새 모델을 시작합니다</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a .lwire project or a .keras model</source>
        <translation>.lwire 프로젝트나 .keras 모델을 엽니다</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>저장(&amp;S)</translation>
    </message>
    <message>
        <source>Save the project</source>
        <translation>프로젝트를 저장합니다</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>다른 이름으로 저장(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Import .keras…</source>
        <translation>.keras 가져오기(&amp;I)…</translation>
    </message>
    <message>
        <source>Open a Keras model as a new project</source>
        <translation>Keras 모델을 새 프로젝트로 엽니다</translation>
    </message>
    <message>
        <source>&amp;Export .keras…</source>
        <translation>.keras로 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>Write the model as a .keras file</source>
        <translation>모델을 .keras 파일로 씁니다</translation>
    </message>
    <message>
        <source>Export &amp;Diagram…</source>
        <translation>다이어그램 내보내기(&amp;D)…</translation>
    </message>
    <message>
        <source>Save the diagram as PNG or SVG</source>
        <translation>다이어그램을 PNG나 SVG로 저장합니다</translation>
    </message>
    <message>
        <source>Export &amp;As</source>
        <translation>다른 형식으로 내보내기(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>최근 파일(&amp;R)</translation>
    </message>
    <message>
        <source>E&amp;xamples</source>
        <translation>예제(&amp;X)</translation>
    </message>
    <message>
        <source>Clear Recent</source>
        <translation>최근 목록 지우기</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>모델 열기</translation>
    </message>
    <message>
        <source>Could not open the file</source>
        <translation>파일을 열 수 없습니다</translation>
    </message>
    <message>
        <source>Import Keras model</source>
        <translation>Keras 모델 가져오기</translation>
    </message>
    <message>
        <source>Save project</source>
        <translation>프로젝트 저장</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>저장할 수 없습니다</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>{0}에 저장했습니다</translation>
    </message>
    <message>
        <source>Export .keras</source>
        <translation>.keras로 내보내기</translation>
    </message>
    <message>
        <source>Could not export</source>
        <translation>내보낼 수 없습니다</translation>
    </message>
    <message>
        <source>Exported {0}</source>
        <translation>{0}(으)로 내보냈습니다</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Export diagram</source>
        <translation>다이어그램 내보내기</translation>
    </message>
    <message>
        <source>Could not export the diagram</source>
        <translation>다이어그램을 내보낼 수 없습니다</translation>
    </message>
</context>
<context>
    <name>Gallery</name>
    <message>
        <source>MNIST digits (the guide&apos;s first model)</source>
        <translation>MNIST 숫자 (가이드의 첫 번째 모델)</translation>
    </message>
    <message>
        <source>784 pixel values → Dense 64 relu → Dense 64 relu → Dense 10: the first model of the Keras Functional API guide. Look at the summary: 55,050 parameters.</source>
        <translation>784개의 픽셀 값 → Dense 64 relu → Dense 64 relu → Dense 10: Keras 함수형 API 가이드의 첫 번째 모델입니다. 요약을 보면 파라미터가 55,050개입니다.</translation>
    </message>
    <message>
        <source>Several inputs and outputs</source>
        <translation>여러 입력과 출력</translation>
    </message>
    <message>
        <source>A support ticket&apos;s text features and metadata go in through two inputs, are joined with Concatenate, and come out as a priority (sigmoid) and a department (softmax).</source>
        <translation>고객 문의의 텍스트 특성과 메타데이터가 두 입력으로 들어가 Concatenate로 합쳐진 뒤, 우선순위(sigmoid)와 담당 부서(softmax) 두 출력으로 나옵니다.</translation>
    </message>
    <message>
        <source>Residual MLP</source>
        <translation>잔차 MLP</translation>
    </message>
    <message>
        <source>Two residual connections: Add sums a block&apos;s input with its output, as in the guide&apos;s toy ResNet, so the signal has a short path around each block.</source>
        <translation>잔차 연결이 두 개 있습니다. 가이드의 작은 ResNet처럼 Add가 블록의 입력과 출력을 더하므로 신호가 각 블록을 건너뛰는 짧은 경로를 갖습니다.</translation>
    </message>
    <message>
        <source>Shared layer (Siamese)</source>
        <translation>공유 레이어 (샴 네트워크)</translation>
    </message>
    <message>
        <source>One Dense encoder called on two inputs: both calls use the same weights, counted once. Subtract compares the two encodings.</source>
        <translation>Dense 인코더 하나를 두 입력에 호출합니다. 두 호출은 같은 가중치를 쓰며 파라미터는 한 번만 셉니다. Subtract가 두 인코딩을 비교합니다.</translation>
    </message>
    <message>
        <source>Spiral classifier</source>
        <translation>나선 분류기</translation>
    </message>
    <message>
        <source>Two intertwined spirals, 2 → 64 → 64 → 2. A straight line cannot separate them; two hidden relu layers can.</source>
        <translation>서로 감긴 두 나선, 2 → 64 → 64 → 2. 직선으로는 나눌 수 없지만 relu 은닉 레이어 두 개면 나눌 수 있습니다.</translation>
    </message>
    <message>
        <source>Moons classifier</source>
        <translation>반달 분류기</translation>
    </message>
    <message>
        <source>Two interleaving half moons, one sigmoid output and binary cross-entropy. Train it on the built-in moons data set and watch the boundary bend.</source>
        <translation>서로 맞물린 두 반달 모양, sigmoid 출력 하나와 이진 크로스엔트로피. 내장 moons 데이터셋으로 학습하며 결정 경계가 휘는 모습을 보세요.</translation>
    </message>
    <message>
        <source>XOR classifier</source>
        <translation>XOR 분류기</translation>
    </message>
    <message>
        <source>The class is the XOR of the signs of two numbers — the classic problem one layer cannot solve. Eight tanh units are enough.</source>
        <translation>클래스는 두 수의 부호의 XOR입니다 — 레이어 하나로는 풀 수 없는 고전적인 문제죠. tanh 유닛 8개면 충분합니다.</translation>
    </message>
    <message>
        <source>Sine regression</source>
        <translation>사인 회귀</translation>
    </message>
    <message>
        <source>Regression instead of classification: learn y = sin(x) with two tanh layers, a linear output and the mean squared error.</source>
        <translation>분류 대신 회귀: tanh 레이어 두 개와 선형 출력, 평균 제곱 오차로 y = sin(x)를 학습합니다.</translation>
    </message>
    <message>
        <source>Handwritten digits (8×8)</source>
        <translation>손글씨 숫자 (8×8)</translation>
    </message>
    <message>
        <source>scikit-learn&apos;s 8×8 digits: 64 inputs, Dense 64 relu, Dropout and a softmax over 10 classes, trained with sparse categorical cross-entropy.</source>
        <translation>scikit-learn의 8×8 숫자 이미지: 입력 64개, Dense 64 relu, Dropout, 10개 클래스에 대한 softmax를 희소 범주형 크로스엔트로피로 학습합니다.</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>예제</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>{0} must be whole numbers separated by commas. Received: {1!r}</source>
        <translation>{0}은(는) 쉼표로 구분한 정수여야 합니다. 받은 값: {1!r}</translation>
    </message>
    <message>
        <source>{0} must be a whole number or empty. Received: {1!r}</source>
        <translation>{0}은(는) 정수이거나 비어 있어야 합니다. 받은 값: {1!r}</translation>
    </message>
    <message>
        <source>{0} must be a number. Received: {1!r}</source>
        <translation>{0}은(는) 숫자여야 합니다. 받은 값: {1!r}</translation>
    </message>
    <message>
        <source>Model name</source>
        <translation>모델 이름</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Model output</source>
        <translation>모델 출력</translation>
    </message>
    <message>
        <source>Mark this node as one of the model&apos;s outputs</source>
        <translation>이 노드를 모델의 출력으로 지정합니다</translation>
    </message>
    <message>
        <source>{0} nodes selected</source>
        <translation>노드 {0}개 선택됨</translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation>선택된 것 없음</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>올바름</translation>
    </message>
    <message>
        <source>{0} problem(s)</source>
        <translation>문제 {0}개</translation>
    </message>
    <message>
        <source>{0} nodes, {1} wires — {2}</source>
        <translation>노드 {0}개, 연결 {1}개 — {2}</translation>
    </message>
    <message>
        <source>Output shape: {0}</source>
        <translation>출력 모양: {0}</translation>
    </message>
    <message>
        <source>Shared layer: called at {0} nodes, one set of weights.</source>
        <translation>공유 레이어: 노드 {0}곳에서 호출되며 가중치는 한 벌입니다.</translation>
    </message>
</context>
<context>
    <name>LayerHelp</name>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>not trained</source>
        <translation>학습되지 않음</translation>
    </message>
    <message>
        <source>Computes</source>
        <translation>계산</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>가중치</translation>
    </message>
    <message>
        <source>Keras documentation</source>
        <translation>Keras 문서</translation>
    </message>
</context>
<context>
    <name>LessonsPanel</name>
    <message>
        <source>No lesson</source>
        <translation>선택한 레슨 없음</translation>
    </message>
    <message>
        <source>Choose a lesson in Help → Lessons.</source>
        <translation>도움말 → 레슨에서 레슨을 고르세요.</translation>
    </message>
    <message>
        <source>%v of %m steps done</source>
        <translation>%m단계 중 %v단계 완료</translation>
    </message>
    <message>
        <source>Well done — every step is complete.</source>
        <translation>잘했어요 — 모든 단계를 마쳤습니다.</translation>
    </message>
    <message>
        <source>Hint:</source>
        <translation>힌트:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Layers</source>
        <translation>레이어</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>속성</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>요약</translation>
    </message>
    <message>
        <source>Keras code</source>
        <translation>Keras 코드</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>✔ valid model</source>
        <translation>✔ 올바른 모델</translation>
    </message>
    <message>
        <source>The graph is a valid Keras model</source>
        <translation>그래프가 올바른 Keras 모델입니다</translation>
    </message>
    <message>
        <source>✖ {0} problems</source>
        <translation>✖ 문제 {0}개</translation>
    </message>
    <message>
        <source>✖ 1 problem</source>
        <translation>✖ 문제 1개</translation>
    </message>
    <message>
        <source>Total params: {0}</source>
        <translation>전체 파라미터: {0}</translation>
    </message>
    <message>
        <source>Refused: {0}</source>
        <translation>거부됨: {0}</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>잘라내기(&amp;T)</translation>
    </message>
    <message>
        <source>Cut the selected nodes</source>
        <translation>선택한 노드를 잘라냅니다</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>복사(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the selected nodes</source>
        <translation>선택한 노드를 복사합니다</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>붙여넣기(&amp;P)</translation>
    </message>
    <message>
        <source>Paste nodes from the clipboard</source>
        <translation>클립보드의 노드를 붙여넣습니다</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>복제(&amp;U)</translation>
    </message>
    <message>
        <source>Duplicate the selected nodes</source>
        <translation>선택한 노드를 복제합니다</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>삭제(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the selected nodes and wires</source>
        <translation>선택한 노드와 연결을 삭제합니다</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>모두 선택(&amp;A)</translation>
    </message>
    <message>
        <source>Call &amp;Again</source>
        <translation>다시 호출(&amp;A)</translation>
    </message>
    <message>
        <source>A new node calling the same layer (shared weights)</source>
        <translation>같은 레이어를 호출하는 새 노드(가중치 공유)</translation>
    </message>
    <message>
        <source>Add &amp;Layer…</source>
        <translation>레이어 추가(&amp;L)…</translation>
    </message>
    <message>
        <source>Search a layer to add (Tab)</source>
        <translation>추가할 레이어를 검색합니다(Tab)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>확대(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>축소(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>실제 크기(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Fit to View</source>
        <translation>화면에 맞추기(&amp;F)</translation>
    </message>
    <message>
        <source>Show the whole graph</source>
        <translation>그래프 전체를 보여 줍니다</translation>
    </message>
    <message>
        <source>&amp;Snap to Grid</source>
        <translation>격자에 맞추기(&amp;S)</translation>
    </message>
    <message>
        <source>Auto-layout &amp;Left to Right</source>
        <translation>자동 배치: 왼쪽에서 오른쪽(&amp;L)</translation>
    </message>
    <message>
        <source>Arrange the nodes in layers</source>
        <translation>노드를 층별로 정렬합니다</translation>
    </message>
    <message>
        <source>Auto-layout &amp;Top to Bottom</source>
        <translation>자동 배치: 위에서 아래(&amp;T)</translation>
    </message>
    <message>
        <source>New &amp;Window</source>
        <translation>새 창(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Close Window</source>
        <translation>창 닫기(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;About Layerwire</source>
        <translation>Layerwire 정보(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>패널(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>실행 취소</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>다시 실행</translation>
    </message>
    <message>
        <source>&amp;Undo {0}</source>
        <translation>실행 취소(&amp;U): {0}</translation>
    </message>
    <message>
        <source>&amp;Redo {0}</source>
        <translation>다시 실행(&amp;R): {0}</translation>
    </message>
    <message>
        <source>Undo the last step</source>
        <translation>마지막 단계를 취소합니다</translation>
    </message>
    <message>
        <source>Redo the step undone last</source>
        <translation>마지막으로 취소한 단계를 다시 실행합니다</translation>
    </message>
    <message>
        <source>Undo {0}</source>
        <translation>실행 취소: {0}</translation>
    </message>
    <message>
        <source>Redo {0}</source>
        <translation>다시 실행: {0}</translation>
    </message>
    <message>
        <source>The clipboard holds no Layerwire nodes</source>
        <translation>클립보드에 Layerwire 노드가 없습니다</translation>
    </message>
    <message>
        <source>Model Output</source>
        <translation>모델 출력</translation>
    </message>
    <message>
        <source>Show Weights</source>
        <translation>가중치 보기</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>연결 끊기</translation>
    </message>
    <message>
        <source>Add Layer…</source>
        <translation>레이어 추가…</translation>
    </message>
    <message>
        <source>About Layerwire</source>
        <translation>Layerwire 정보</translation>
    </message>
    <message>
        <source>&lt;b&gt;Layerwire&lt;/b&gt;&lt;br&gt;Build neural networks by wiring layers, as the Keras Functional API does.</source>
        <translation>&lt;b&gt;Layerwire&lt;/b&gt;&lt;br&gt;Keras 함수형 API처럼 레이어를 연결해 신경망을 만듭니다.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>저장하지 않은 변경 사항</translation>
    </message>
    <message>
        <source>Save the changes to {0} before closing it?</source>
        <translation>닫기 전에 {0}의 변경 사항을 저장할까요?</translation>
    </message>
</context>
<context>
    <name>Palette</name>
    <message>
        <source>Inputs</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>Core</source>
        <translation>핵심</translation>
    </message>
    <message>
        <source>Merging</source>
        <translation>병합</translation>
    </message>
    <message>
        <source>Normalization</source>
        <translation>정규화</translation>
    </message>
    <message>
        <source>Regularization</source>
        <translation>규제</translation>
    </message>
    <message>
        <source>Search layers…</source>
        <translation>레이어 검색…</translation>
    </message>
</context>
<context>
    <name>Panels</name>
    <message>
        <source>The model is not valid yet, so there is no {0}:</source>
        <translation>모델이 아직 올바르지 않아 {0}을(를) 만들 수 없습니다:</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <source>Copy the {0} to the clipboard</source>
        <translation>{0}을(를) 클립보드에 복사</translation>
    </message>
    <message>
        <source>The {0} is not available in this build of Layerwire.</source>
        <translation>이 Layerwire 빌드에서는 {0}을(를) 사용할 수 없습니다.</translation>
    </message>
    <message>
        <source>No {0}: {1}</source>
        <translation>{0} 없음: {1}</translation>
    </message>
    <message>
        <source>summary</source>
        <translation>요약</translation>
    </message>
    <message>
        <source>Keras code</source>
        <translation>Keras 코드</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>Recover unsaved work</source>
        <translation>저장하지 않은 작업 복구</translation>
    </message>
    <message>
        <source>Layerwire did not close properly last time. These documents had unsaved changes:</source>
        <translation>지난번에 Layerwire가 제대로 종료되지 않았습니다. 다음 문서에 저장하지 않은 변경 사항이 있습니다:</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Autosaved</source>
        <translation>자동 저장 시각</translation>
    </message>
    <message>
        <source>Original file</source>
        <translation>원본 파일</translation>
    </message>
    <message>
        <source>(never saved)</source>
        <translation>(저장한 적 없음)</translation>
    </message>
    <message>
        <source>&amp;Recover</source>
        <translation>복구(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>버리기(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>나중에(&amp;L)</translation>
    </message>
    <message>
        <source>{0} (autosaved {1}): {2}</source>
        <translation>{0} ({1}에 자동 저장): {2}</translation>
    </message>
    <message>
        <source>Could not recover</source>
        <translation>복구하지 못했습니다</translation>
    </message>
</context>
<context>
    <name>SearchPopup</name>
    <message>
        <source>Add layer…</source>
        <translation>레이어 추가…</translation>
    </message>
</context>
<context>
    <name>StepThrough</name>
    <message>
        <source>Sample from the data set ({0})</source>
        <translation>데이터셋의 샘플 ({0})</translation>
    </message>
    <message>
        <source>Zeros</source>
        <translation>0으로 채운 샘플</translation>
    </message>
    <message>
        <source>Random numbers</source>
        <translation>난수 샘플</translation>
    </message>
    <message>
        <source>Cannot run this model: {0}</source>
        <translation>이 모델을 실행할 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>Choose a sample and press Start.</source>
        <translation>샘플을 고르고 시작을 누르세요.</translation>
    </message>
    <message>
        <source>Loss {0}: {1:.6g}</source>
        <translation>손실 {0}: {1:.6g}</translation>
    </message>
    <message>
        <source>Forward {0}: output of {1} ({2})</source>
        <translation>순전파 {0}: {1}({2})의 출력</translation>
    </message>
    <message>
        <source>shape {0}</source>
        <translation>모양 {0}</translation>
    </message>
    <message>
        <source>gradient of the loss before the activation</source>
        <translation>활성화 함수 이전 값에 대한 손실의 그레이디언트</translation>
    </message>
    <message>
        <source>gradient of the loss with respect to the output</source>
        <translation>출력에 대한 손실의 그레이디언트</translation>
    </message>
    <message>
        <source>Backward {0}: {1} ({2}) — {3}</source>
        <translation>역전파 {0}: {1}({2}) — {3}</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 이전</translation>
    </message>
    <message>
        <source>Step ▶</source>
        <translation>다음 ▶</translation>
    </message>
    <message>
        <source>To the end ▶▶</source>
        <translation>끝까지 ▶▶</translation>
    </message>
    <message>
        <source>Sample number (the seed for random numbers)</source>
        <translation>샘플 번호(난수의 시드)</translation>
    </message>
</context>
<context>
    <name>Teaching</name>
    <message>
        <source>Lesson</source>
        <translation>레슨</translation>
    </message>
    <message>
        <source>Step Through</source>
        <translation>단계별 실행</translation>
    </message>
    <message>
        <source>Lesson complete — well done!</source>
        <translation>레슨 완료 — 잘했어요!</translation>
    </message>
    <message>
        <source>&amp;Examples…</source>
        <translation>예제(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Presentation Mode</source>
        <translation>발표 모드(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Compare Runs…</source>
        <translation>학습 실행 비교(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>레슨(&amp;L)</translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <source>mean |activation| on a probe batch: {0}</source>
        <translation>탐색 배치에서 |활성값|의 평균: {0}</translation>
    </message>
    <message>
        <source>mean |gradient| on a probe batch: {0}</source>
        <translation>탐색 배치에서 |그래디언트|의 평균: {0}</translation>
    </message>
    <message>
        <source>act</source>
        <translation>활성</translation>
    </message>
    <message>
        <source>grad</source>
        <translation>기울기</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>학습 시작</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>정지</translation>
    </message>
    <message>
        <source>Reset weights</source>
        <translation>가중치 초기화</translation>
    </message>
    <message>
        <source>Train the model from its current weights</source>
        <translation>현재 가중치에서 이어서 모델을 학습합니다</translation>
    </message>
    <message>
        <source>Draw new initial weights (from the seed) and clear the training history</source>
        <translation>(시드로부터) 새 초기 가중치를 만들고 학습 기록을 지웁니다</translation>
    </message>
    <message>
        <source>Show on nodes</source>
        <translation>노드에 표시</translation>
    </message>
    <message>
        <source>While training, show each node&apos;s mean activation or gradient size</source>
        <translation>학습하는 동안 각 노드의 평균 활성값 또는 그래디언트 크기를 표시합니다</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>활성값</translation>
    </message>
    <message>
        <source>gradient</source>
        <translation>그래디언트</translation>
    </message>
    <message>
        <source>Validation samples: predicted (true)</source>
        <translation>검증 샘플: 예측 (정답)</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>오차 행렬</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>예측</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>샘플</translation>
    </message>
    <message>
        <source>Boundary</source>
        <translation>결정 경계</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>샘플</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>데이터</translation>
    </message>
    <message>
        <source>epoch %v</source>
        <translation>에포크 %v</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>재개</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시정지</translation>
    </message>
    <message>
        <source>Choose a data set</source>
        <translation>데이터셋을 고르세요</translation>
    </message>
    <message>
        <source>The model is not valid yet</source>
        <translation>모델이 아직 올바르지 않습니다</translation>
    </message>
    <message>
        <source>✔ fits the model</source>
        <translation>✔ 모델에 맞습니다</translation>
    </message>
    <message>
        <source>✖ does not fit: {0}</source>
        <translation>✖ 모델에 맞지 않습니다: {0}</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>데이터 없음</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>시작하는 중…</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>학습 중…</translation>
    </message>
    <message>
        <source>Pausing…</source>
        <translation>일시정지하는 중…</translation>
    </message>
    <message>
        <source>Paused; the weights so far are in the model</source>
        <translation>일시정지됨. 지금까지의 가중치가 모델에 들어 있습니다</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>정지하는 중…</translation>
    </message>
    <message>
        <source>Trained {0} epochs in {1} s</source>
        <translation>{0} 에포크를 {1}초 동안 학습했습니다</translation>
    </message>
    <message>
        <source>Trained {0} epoch in {1} s</source>
        <translation>{0} 에포크를 {1}초 동안 학습했습니다</translation>
    </message>
    <message>
        <source>Stopped after {0} epochs</source>
        <translation>{0} 에포크 후 정지했습니다</translation>
    </message>
    <message>
        <source>Stopped after {0} epoch</source>
        <translation>{0} 에포크 후 정지했습니다</translation>
    </message>
    <message>
        <source>epoch {0}</source>
        <translation>에포크 {0}</translation>
    </message>
    <message>
        <source>the start of the run</source>
        <translation>학습 시작 시점</translation>
    </message>
    <message>
        <source>Training diverged: {0}. It was stopped and the weights of the last good epoch ({1}) were restored. Try a lower learning rate, e.g. {2}.</source>
        <translation>학습이 발산했습니다: {0}. 학습을 멈추고 마지막 정상 에포크({1})의 가중치로 되돌렸습니다. 더 낮은 학습률(예: {2})을 시도해 보세요.</translation>
    </message>
    <message>
        <source>Training failed: {0}</source>
        <translation>학습 실패: {0}</translation>
    </message>
    <message>
        <source>The model changed during training; the trained weights were not applied</source>
        <translation>학습 중에 모델이 바뀌어 학습된 가중치를 적용하지 않았습니다</translation>
    </message>
    <message>
        <source>Weights reset</source>
        <translation>가중치를 초기화했습니다</translation>
    </message>
    <message>
        <source>{0} samples/s · ETA {1} s</source>
        <translation>초당 {0}개 샘플 · 남은 시간 {1}초</translation>
    </message>
    <message>
        <source>Sample {0} of {1}</source>
        <translation>{1}의 샘플 {0}</translation>
    </message>
    <message>
        <source>predicted class {0} ({1})</source>
        <translation>예측 클래스 {0} ({1})</translation>
    </message>
    <message>
        <source>true: {0}</source>
        <translation>정답: {0}</translation>
    </message>
    <message>
        <source>epoch</source>
        <extracomment>Most points a series keeps; beyond it, each point stands for the mean of twice as many (found by the soak test: an unbounded batch history grew memory by ~9 MB a minute and made every redraw of a long run slower).</extracomment>
        <translation>에포크</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>배치</translation>
    </message>
    <message>
        <source>batch (smoothed)</source>
        <translation>배치 (평활화)</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>로그 스케일</translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis</source>
        <translation>손실을 로그 축으로 표시합니다</translation>
    </message>
    <message>
        <source>auto (from the data)</source>
        <translation>자동 (데이터에 따라)</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>파일 선택…</translation>
    </message>
    <message>
        <source>A built-in data set, or a .npz, .npy, .csv or MNIST IDX file</source>
        <translation>내장 데이터셋 또는 .npz, .npy, .csv, MNIST IDX 파일</translation>
    </message>
    <message>
        <source>The optimizer&apos;s step size; Keras&apos;s default for the optimizer until changed</source>
        <translation>옵티마이저의 스텝 크기. 바꾸기 전까지는 해당 옵티마이저의 Keras 기본값입니다</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>모멘텀</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>배치 크기</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation>검증 비율</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>Training data</source>
        <translation>학습 데이터</translation>
    </message>
    <message>
        <source>Decision boundary</source>
        <extracomment>Class colours (Tableau 10), used by the boundary, the scatter and the tiles.</extracomment>
        <translation>결정 경계</translation>
    </message>
    <message>
        <source>predicted {0}, true {1}</source>
        <translation>예측 {0}, 정답 {1}</translation>
    </message>
    <message>
        <source>Rows: true class; columns: predicted class</source>
        <translation>행: 실제 클래스, 열: 예측 클래스</translation>
    </message>
    <message>
        <source>Weights of {0}</source>
        <translation>{0}의 가중치</translation>
    </message>
    <message>
        <source>kernel</source>
        <translation>커널</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>유닛</translation>
    </message>
    <message>
        <source>input</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>histogram of kernel and bias values</source>
        <translation>커널과 편향 값의 히스토그램</translation>
    </message>
    <message>
        <source>{0} has no weights yet (they are drawn when training starts)</source>
        <translation>{0}에는 아직 가중치가 없습니다 (학습을 시작할 때 만들어집니다)</translation>
    </message>
    <message>
        <source>kernel {0}: mean {1}, std {2}, |max| {3}</source>
        <translation>커널 {0}: 평균 {1}, 표준편차 {2}, |최댓값| {3}</translation>
    </message>
    <message>
        <source>; bias mean {0}</source>
        <translation>; 편향 평균 {0}</translation>
    </message>
</context>
</TS>
